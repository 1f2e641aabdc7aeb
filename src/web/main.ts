import "./style.css";
import { ClientError, createClient } from "../client/index.js";
import { h } from "./dom.js";
import { renderIndexPage } from "./pages/renderIndexPage.js";
import { renderOperatorPage } from "./pages/renderOperatorPage.js";
import { renderReportPage } from "./pages/renderReportPage.js";

/** Chooses the page by path; every page reads the public API of the origin that served it. */
async function render(): Promise<void> {
  const main = document.getElementById("main")!;
  const client = createClient({ baseUrl: "" });
  const path = location.pathname;
  try {
    const report = /^\/reports\/(\d+)$/.exec(path);
    const operator = /^\/operators\/([^/]+)$/.exec(path);
    const content = report
      ? await renderReportPage(client, Number(report[1]))
      : operator
        ? await renderOperatorPage(client, decodeURIComponent(operator[1]))
        : await renderIndexPage(client, new URLSearchParams(location.search));
    main.replaceChildren(...content);
    document.title = `${main.querySelector("h1")?.textContent ?? "Page"} · Beacon-chain risk oracle`;
  } catch (error) {
    const detail =
      error instanceof ClientError
        ? (error.problem?.detail ?? error.shortMessage)
        : error instanceof Error
          ? error.message
          : String(error);
    main.replaceChildren(
      h(
        "h1",
        {},
        error instanceof ClientError && error.status === 404 ? "Not found" : "Something went wrong",
      ),
      h("p", { role: "alert" }, detail),
      h("p", {}, h("a", { href: "/" }, "Back to the index")),
    );
  }
}

void render();
