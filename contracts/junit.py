"""JUnit XML for CI: a test suite per contract suite, a test case per operation or scenario."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from contracts.results import Outcome, RunResult, SuiteResult, Violation


def junit_xml(run: RunResult) -> ET.ElementTree:
    root = ET.Element("testsuites", name="workitems-mock verify", time=f"{run.seconds:.3f}")
    if run.fatal:
        setup = ET.SubElement(
            root, "testsuite", name="verify", tests="1", failures="0", errors="1", skipped="0"
        )
        case = ET.SubElement(setup, "testcase", classname="verify", name="target is verifiable")
        ET.SubElement(case, "error", message=run.fatal, type="could-not-verify").text = run.fatal
    for suite in run.suites:
        root.append(_suite(suite))
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for element in root:
        for name in totals:
            totals[name] += int(element.get(name, "0"))
    for name, value in totals.items():
        root.set(name, str(value))
    return ET.ElementTree(root)


def _suite(suite: SuiteResult) -> ET.Element:
    element = ET.Element(
        "testsuite",
        name=suite.suite,
        tests=str(len(suite.outcomes)),
        failures=str(sum(1 for o in suite.outcomes if o.violations)),
        errors="0",
        skipped=str(len(suite.skipped)),
        time=f"{suite.seconds:.3f}",
    )
    for outcome in suite.outcomes:
        element.append(_case(suite.suite, outcome))
    return element


def _case(suite: str, outcome: Outcome) -> ET.Element:
    case = ET.Element("testcase", classname=suite, name=outcome.name)
    if outcome.violations:
        count = len(outcome.violations)
        failure = ET.SubElement(
            case,
            "failure",
            type="contract-violation",
            message=f"{count} violation{'s' * (count != 1)}",
        )
        failure.text = "\n\n".join(_describe(v) for v in outcome.violations)
    elif outcome.skipped:
        ET.SubElement(case, "skipped", message=outcome.skipped)
    return case


def _describe(violation: Violation) -> str:
    text = (
        f"{violation.operation} · {violation.check}\n"
        f"expected: {violation.expected}\nactual: {violation.actual}"
    )
    return text + (f"\nreproduce:\n{violation.curl}" if violation.curl else "")


def write_junit(run: RunResult, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)  # `--junit reports/verify.xml` just works
    tree = junit_xml(run)
    ET.indent(tree)
    tree.write(path, encoding="utf-8", xml_declaration=True)
