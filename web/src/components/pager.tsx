/** Previous/next over a paginated list; nothing when it fits on one page. */
export function Pager(props: {
  label: string;
  page: number;
  limit: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(props.total / props.limit));
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={props.label}>
      <button
        type="button"
        class="button button--secondary"
        disabled={props.page <= 1}
        onClick={() => props.onPage(props.page - 1)}
      >
        Sebelumnya
      </button>
      <span>
        Halaman {props.page} dari {pages}
      </span>
      <button
        type="button"
        class="button button--secondary"
        disabled={props.page >= pages}
        onClick={() => props.onPage(props.page + 1)}
      >
        Berikutnya
      </button>
    </nav>
  );
}
