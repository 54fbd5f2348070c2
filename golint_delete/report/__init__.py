"""Reporters turn a RunResult into text; they never see syntax trees."""

from golint_delete.report import github, json_report, sarif, text

FORMATS = {
    "text": text.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "github": github.render,
}
