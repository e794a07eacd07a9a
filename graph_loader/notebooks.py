"""Execute the notebooks in ``notebooks/`` and render HTML copies of them.

``graph-loader dev notebooks [--out DIR] [--timeout S] [NAME ...]`` runs every
notebook (or the named ones) top to bottom on a fresh kernel with nbclient, then
writes ``DIR/<name>.html`` for each (nbconvert's ``lab`` template) and
``DIR/index.html`` listing them with their status and run time. ``make notebooks``
calls it with ``--out out/notebooks``.

Design decisions
----------------
- **Working directory.** Each kernel starts in the ``notebooks/`` directory, as when
  a notebook is opened in Jupyter. The notebooks do not depend on it: they find the
  checkout with :func:`repo_root` (walks up to the folder holding ``data/schema.yaml``)
  and write scratch files (views, an embedded database) to temporary directories.
- **Outputs stay out of git.** Executed notebooks live only in memory and in the
  rendered HTML; nothing is ever written back into ``notebooks/``. The committed
  ``.ipynb`` files carry no outputs and no execution counts (``tests/test_notebooks.py``
  checks that).
- **Kernel.** The kernel spec named ``python3`` (``make install-test`` installs the
  venv's own into the venv with ``--sys-prefix``; inside a virtualenv Jupyter prefers
  it over a user-wide one). ``--kernel`` picks another. On POSIX the kernel is reached
  over unix sockets in a private temporary directory, not TCP ports.
- **Failures.** A notebook stops at its first failing cell; the run is recorded as
  failed with the error, the partly executed notebook is still rendered (so the
  traceback can be read in the HTML), the other notebooks still run, and the command
  exits with status 1.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import nbformat
from nbformat import NotebookNode

if TYPE_CHECKING:
    from traitlets.config import Config

#: Default per-cell timeout, in seconds.
DEFAULT_TIMEOUT = 300
#: The kernel spec used by default.
DEFAULT_KERNEL = "python3"
#: nbformat major version the notebooks are written in.
NBFORMAT_VERSION = 4
#: The marker file that identifies a checkout of the project.
MARKER = Path("data") / "schema.yaml"


def repo_root(start: str | Path | None = None) -> Path:
    """The checkout of the project: the first folder up from ``start`` with ``data/schema.yaml``.

    Parameters
    ----------
    start : str or pathlib.Path, optional
        Where to start looking (default: the current directory). Notebooks call
        this so that they work whether the kernel starts in the repository root or
        in ``notebooks/``.

    Returns
    -------
    pathlib.Path
        The folder, resolved. If no folder up from ``start`` qualifies, the parent of
        :func:`graph_loader.default_data_dir` (the source checkout this package was
        installed from, or ``$GRAPH_LOADER_DATA``'s parent).

    Examples
    --------
    >>> (repo_root() / "data" / "schema.yaml").is_file()
    True
    """
    here = Path(start if start is not None else Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / MARKER).is_file():
            return folder
    from graph_loader import default_data_dir

    return default_data_dir().resolve().parent



def inline_page(page: str, height: int = 720) -> Any:
    """Show a self-contained HTML page (e.g. a view) inline in a notebook.

    The page goes into an ``<iframe srcdoc=...>`` sandboxed to ``allow-scripts``: it
    runs in an opaque origin, isolated from the notebook, needs no file next to the
    notebook, and stays interactive in the HTML copies ``make notebooks`` renders.

    Parameters
    ----------
    page : str
        A complete HTML document, such as
        :attr:`graph_loader.views.RenderedView.html`.
    height : int, optional
        Frame height in pixels.

    Returns
    -------
    IPython.display.HTML
        Display it (or leave it as a cell's last expression).
    """
    from IPython.display import HTML

    from graph_loader.pages import render

    # The whole page goes escaped into srcdoc; wrapped in a <div>, as IPython warns
    # about HTML that starts with <iframe.
    return HTML(render("inline_page.html", page=page, height=int(height)))


def notebooks_dir() -> Path:
    """The ``notebooks/`` folder of the checkout (:func:`repo_root`)."""
    return repo_root() / "notebooks"


def notebook_paths(directory: str | Path | None = None) -> list[Path]:
    """The notebooks to run: ``*.ipynb`` in ``directory`` (default :func:`notebooks_dir`), sorted.

    Checkpoint folders (``.ipynb_checkpoints``) are not searched.
    """
    folder = Path(directory) if directory is not None else notebooks_dir()
    return sorted(p for p in folder.glob("*.ipynb") if p.is_file())


@dataclass
class NotebookRun:
    """The outcome of executing one notebook.

    Attributes
    ----------
    path : pathlib.Path
        The source notebook (never modified).
    notebook : nbformat.NotebookNode
        The executed copy, with outputs (partly executed if a cell failed).
    seconds : float
        Wall-clock time, kernel start-up included.
    error : str or None
        ``None`` on success; else the failing cell's error (nbclient's message, with
        the traceback) or the reason the kernel could not run.
    html : pathlib.Path or None
        The rendered HTML copy, once :func:`render_html` has written it.
    """

    path: Path
    notebook: NotebookNode
    seconds: float
    error: str | None = None
    html: Path | None = None

    @property
    def ok(self) -> bool:
        """True if every cell ran without an error."""
        return self.error is None

    @property
    def name(self) -> str:
        """The notebook's file name without ``.ipynb``."""
        return self.path.stem

    @property
    def title(self) -> str:
        """The first markdown heading of the notebook, else its name."""
        return notebook_title(self.notebook, self.name)


def read_notebook(path: str | Path) -> NotebookNode:
    """Read a notebook file as nbformat version 4."""
    return nbformat.read(str(path), as_version=NBFORMAT_VERSION)


def notebook_title(nb: NotebookNode, default: str = "") -> str:
    """The text of the first markdown heading (``# ...``) in ``nb``, else ``default``."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith("#"):
                return line.lstrip("#").strip()
    return default


def execute_notebook(
    path: str | Path,
    *,
    timeout: int = DEFAULT_TIMEOUT,
    cwd: str | Path | None = None,
    kernel_name: str = DEFAULT_KERNEL,
) -> NotebookRun:
    """Run a notebook top to bottom on a fresh kernel, in memory.

    Parameters
    ----------
    path : str or pathlib.Path
        The ``.ipynb`` file; it is read, not written.
    timeout : int, optional
        Seconds any one cell may take (default :data:`DEFAULT_TIMEOUT`).
    cwd : str or pathlib.Path, optional
        The kernel's working directory (default: the notebook's own folder).
    kernel_name : str, optional
        The kernel spec (default :data:`DEFAULT_KERNEL`).

    Returns
    -------
    NotebookRun
        With ``error`` set if a cell failed, timed out, or the kernel did not start.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    path = Path(path)
    nb = read_notebook(path)
    workdir = Path(cwd) if cwd is not None else path.resolve().parent
    error: str | None = None
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="nbkernel-") as sockets:
        client = NotebookClient(
            nb,
            config=_kernel_config(Path(sockets)),
            timeout=timeout,
            kernel_name=kernel_name,
            resources={"metadata": {"path": str(workdir)}},
            record_timing=False,
        )
        try:
            client.execute()
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
            error = str(exc) or type(exc).__name__
        except Exception as exc:  # noqa: BLE001 - e.g. no such kernel spec: report, don't crash
            error = f"{type(exc).__name__}: {exc}"
    return NotebookRun(path=path, notebook=nb, seconds=time.perf_counter() - t0, error=error)


def _kernel_config(sockets: Path) -> Config:
    """Kernel-manager settings: talk to the kernel over unix sockets in ``sockets`` (POSIX).

    Local IPC keeps the kernel off TCP ports (no other local user can connect, and
    no plain-text-transport warning); Windows has no unix sockets and keeps TCP.
    """
    from traitlets.config import Config

    config = Config()
    if os.name == "posix":
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = str(sockets / "kernel")
    return config


_OFFLINE_TEMPLATE = "graph_loader_offline.html.j2"
# nbconvert's lab template without the CDN scripts (RequireJS, MathJax, Mermaid) these
# notebooks do not use: the HTML copies load nothing from the network.
_OFFLINE_TEMPLATE_TEXT = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


def render_html(run: NotebookRun, out_dir: str | Path) -> Path:
    """Write ``out_dir/<name>.html`` for an executed notebook and record it in ``run.html``.

    nbconvert's ``lab`` template, images embedded, without its CDN scripts (RequireJS,
    MathJax, Mermaid), so the page loads nothing from the network; interactive views
    displayed with :func:`inline_page` stay interactive in the HTML copy.
    """
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(
        template_name="lab",
        template_file=_OFFLINE_TEMPLATE,
        extra_loaders=[DictLoader({_OFFLINE_TEMPLATE: _OFFLINE_TEMPLATE_TEXT})],
        embed_images=True,
    )
    body, _ = exporter.from_notebook_node(
        run.notebook, resources={"metadata": {"name": run.title or run.name}}
    )
    dest = out / f"{run.name}.html"
    dest.write_text(body, encoding="utf-8")
    run.html = dest
    return dest


def write_index(runs: Sequence[NotebookRun], out_dir: str | Path) -> Path:
    """Write ``out_dir/index.html``: one row per notebook (link, file, status, seconds)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    from graph_loader.pages import render

    page = render("notebooks.html", title="Notebooks", runs=runs)
    dest = out / "index.html"
    dest.write_text(page, encoding="utf-8")
    return dest


def run_notebooks(
    paths: Iterable[str | Path] | None = None,
    *,
    out_dir: str | Path | None = None,
    timeout: int = DEFAULT_TIMEOUT,
    kernel_name: str = DEFAULT_KERNEL,
    log: bool = False,
) -> list[NotebookRun]:
    """Execute notebooks one after the other and, with ``out_dir``, render them and an index.

    Parameters
    ----------
    paths : iterable of paths, optional
        The notebooks (default :func:`notebook_paths`).
    out_dir : str or pathlib.Path, optional
        Where to write ``<name>.html`` and ``index.html``; nothing is written without it.
    timeout : int, optional
        Per-cell timeout in seconds.
    kernel_name : str, optional
        The kernel spec.
    log : bool, optional
        Print one line per notebook to stderr.

    Returns
    -------
    list of NotebookRun
        In the order run.
    """
    todo = [Path(p) for p in paths] if paths is not None else notebook_paths()
    runs: list[NotebookRun] = []
    for p in todo:
        run = execute_notebook(p, timeout=timeout, kernel_name=kernel_name)
        if out_dir is not None:
            render_html(run, out_dir)
        if log:
            status = "ok" if run.ok else "FAILED"
            print(f"{p.name}: {status} in {run.seconds:.1f} s", file=sys.stderr)
            if not run.ok:
                print(run.error, file=sys.stderr)
        runs.append(run)
    if out_dir is not None:
        index = write_index(runs, out_dir)
        if log:
            print(f"wrote {index}", file=sys.stderr)
    return runs


def resolve_names(names: Sequence[str], folder: Path) -> list[Path]:
    out = []
    for name in names:
        p = Path(name)
        if not p.suffix:
            p = p.with_suffix(".ipynb")
        if not p.is_file():
            p = folder / p.name
        if not p.is_file():
            raise SystemExit(f"error: no notebook {name!r} (looked in {folder})")
        out.append(p)
    return out
