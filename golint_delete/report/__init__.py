"""Reporters turn a RunResult into text; they never see syntax trees."""

from golint_delete.report import checkstyle, github, gitlab, json_report, junit, sarif, text

FORMATS = {
    "text": text.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "github": github.render,
    "gitlab": gitlab.render,
    "junit": junit.render,
    "checkstyle": checkstyle.render,
}
