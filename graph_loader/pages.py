"""The one HTML route: every page renders from a Jinja template in ``templates/``.

Values are escaped by Jinja's autoescape (markupsafe), never spliced into HTML by
hand: the interactive views (``view.html``), the report (``report.html``), the
entry page (``index.html``) and the notebooks' index (``notebooks.html``) all
extend or share this environment.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The templates' environment: autoescape on, undefined names an error."""
    folder = Path(str(resources.files("graph_loader").joinpath("templates")))
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def render(template: str, **context: Any) -> str:
    """Render ``templates/<template>`` with ``context`` (every value escaped)."""
    return environment().get_template(template).render(**context)
