/** The title bar of a list page (Chats, Contacts, Me): the page's level-one heading, as in WeChat's app. */
export function ListTitle({ title }: { title: string }) {
  return (
    <header className="list-title">
      <h1>{title}</h1>
    </header>
  );
}
