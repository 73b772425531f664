"""JupyterLab for re-running the chapters (`make lab`, and tests/test_lab.py).

Jupytext pairs each chapter's book/NAME.md with book/NAME.ipynb (`[tool.jupytext]` in
pyproject.toml): the .md opens as a notebook (settings/overrides.json makes that the default
for Markdown files), its outputs are read from the .ipynb, and saving writes both files.
jupyterlab-myst renders the MyST prose. Nothing is fetched from outside: no news, no update check.
"""

import warnings
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent

c = get_config()  # noqa: F821 (Jupyter provides it)

c.ServerApp.ip = "127.0.0.1"
c.ServerApp.root_dir = str(HERE.parent)
c.ServerApp.open_browser = False
# CI and the project's machines run as root.
c.ServerApp.allow_root = True
# Port 0 lets the system pick a free port; `make lab PORT=8888` asks for one and fails if taken.
c.ServerApp.port = 0
c.ServerApp.port_retries = 0
c.LabApp.app_settings_dir = str(HERE / "settings")
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
c.LabApp.extension_manager = "readonly"


def _front_matter(text: str) -> str | None:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end > 0:
            return text[: end + 5]
    return None


def _meaning(front_matter: str) -> dict:
    metadata = yaml.safe_load(front_matter[4:-5]) or {}
    if isinstance(metadata.get("kernelspec"), dict):
        metadata["kernelspec"].pop("display_name", None)
    return metadata


def keep_chapter_header(model, path, contents_manager, **kwargs):
    """JupyterLab writes the kernel it started into a notebook's metadata, with its own display
    name ("Python 3 (ipykernel)") and key order, so a chapter saved unedited would change its
    header for that alone. When the header on disk means the same, it is kept as it is."""
    if model.get("type") != "file" or not path.endswith(".md") or not isinstance(model.get("content"), str):
        return
    on_disk = Path(contents_manager.root_dir, path)
    if not on_disk.is_file():
        return
    old, new = _front_matter(on_disk.read_text(encoding="utf-8")), _front_matter(model["content"])
    if old and new and old != new and _meaning(old) == _meaning(new):
        model["content"] = old + model["content"][len(new) :]


c.ContentsManager.pre_save_hook = keep_chapter_header
# Jupytext's contents manager is built from the configured one, which sets the hook twice.
warnings.filterwarnings("ignore", message="Overriding existing pre_save_hook", category=UserWarning)
