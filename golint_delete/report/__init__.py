"""Reporters turn a RunResult into text; they never see syntax trees."""

import importlib


def _lazy(module: str):
    # A run imports only the reporter it prints with: the SARIF one alone (sarif-om) costs about
    # a tenth of a warm run's start-up.
    def render(result, **kwargs):
        return importlib.import_module(f"golint_delete.report.{module}").render(result, **kwargs)
    return render


FORMATS = {
    "text": _lazy("text"),
    "json": _lazy("json_report"),
    "sarif": _lazy("sarif"),
    "github": _lazy("github"),
    "gitlab": _lazy("gitlab"),
    "junit": _lazy("junit"),
    "checkstyle": _lazy("checkstyle"),
}
