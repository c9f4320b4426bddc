import App from "@/App";

// The one exported page (out/index.html). The server answers every non-API
// path with it, and App routes on the client from window.location.
export default function Page() {
  return <App />;
}
