/** The bell-off icon of a muted chat (WeChat's 消息免打扰 mark), named for screen readers by `label`. */
export function BellOff({ label }: { label: string }) {
  return (
    <svg className="bell-off" role="img" aria-label={label} viewBox="0 0 24 24" width="14" height="14">
      <path
        d="M18 16v-5a6 6 0 0 0-9.3-5M6.3 8.4A6 6 0 0 0 6 11v5l-2 2h13M10 20a2 2 0 0 0 4 0M3 3l18 18"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
