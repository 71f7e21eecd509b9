export function EmptyState() {
  return (
    <section class="empty" aria-label="No requests yet">
      <h2>No cross-origin requests recorded yet</h2>
      <p>
        CORS Lens records the requests this tab makes to other origins (fetch, XHR, fonts, scripts
        and images with crossorigin) while the extension can see the tab, and explains every one the
        browser blocks. Reload the page or use it to see them here.
      </p>
      <h3>CORS in one paragraph</h3>
      <p>
        A page may freely send requests to other origins, but the browser only lets it read the
        answer when the server opts in with <code>Access-Control-Allow-Origin</code>. Simple
        requests (GET, HEAD, POST with form or text bodies and only safelisted headers) go straight
        out; anything else — PUT, DELETE, JSON bodies, custom headers like{' '}
        <code>Authorization</code> — is preceded by an OPTIONS <em>preflight</em> that asks the
        server for permission, and the server must answer it with the allowed origin, methods and
        headers. Requests with credentials (cookies) also need{' '}
        <code>Access-Control-Allow-Credentials: true</code> and an exact origin, never{' '}
        <code>*</code>.
      </p>
    </section>
  );
}
