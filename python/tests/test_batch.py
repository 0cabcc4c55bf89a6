"""The batch protocol, through the Python client the plugin uses."""

import json
import re
import subprocess

from atlas_render.batch import Batch

FLOW = "graph TD\n  A[Client] --> B[Server]\n  B --> C[(DB)]"


def test_answers_every_request_by_id_in_parallel(binary):
    with Batch(binary) as batch:
        ids = [batch.submit(FLOW + f"\n  C --> N{i}") for i in range(40)]
        answers = [batch.result(i) for i in ids]
    assert all(a["svg"].startswith("<svg") and a["kind"] == "flowchart" and a["mermaid_ok"] for a in answers)
    assert all(f"data-id=\"N{i}\"" in a["svg"] for i, a in enumerate(answers))


def test_refusals_and_errors_come_with_line_column_and_code(binary):
    with Batch(binary) as batch:
        refused = batch.draw("graph TD\n  A[Zuul (Primary)] --> B")
        undrawable = batch.draw("notADiagram\n")
        bad_theme = batch.draw(FLOW, theme="purple")
    assert refused["svg"] and refused["mermaid_ok"] is False
    d = refused["diagnostics"][0]
    assert (d["code"], d["line"], d["column"], d["severity"]) == ("AR101", 2, 10, "error") and d["hint"]
    assert undrawable["svg"] is None and undrawable["error"].startswith("AR001")
    assert "unknown theme" in bad_theme["error"]


def test_a_line_that_is_not_a_request_is_answered_and_the_batch_goes_on(binary):
    p = subprocess.run([binary, "batch"], input='not json\n{"id": 2, "source": "pie\\n \\"a\\": 1"}\n{"id": 3, "sauce": "x"}\n',
                       capture_output=True, text=True, check=True)
    answers = [json.loads(line) for line in p.stdout.splitlines()]
    assert len(answers) == 3
    assert {a["id"] for a in answers} == {None, 2}
    assert sum(1 for a in answers if a["error"] and "not a batch request" in a["error"]) == 2
    assert next(a for a in answers if a["id"] == 2)["kind"] == "pie"


def test_id_prefixes_keep_two_drawings_apart(binary):
    with Batch(binary) as batch:
        one = batch.draw(FLOW, id_prefix="ar1-", dark_scheme='[data-md-color-scheme="slate"]')["svg"]
        two = batch.draw(FLOW, id_prefix="ar2-", dark_scheme='[data-md-color-scheme="slate"]')["svg"]
    ids = lambda svg: set(re.findall(r' id="([^"]*)"', svg))
    assert ids(one) and not ids(one) & ids(two)
    for svg, prefix in ((one, "ar1-"), (two, "ar2-")):
        assert all(i.startswith(prefix) for i in ids(svg))
        refs = re.findall(r'url\(#([^)]*)\)|href="#([^"]*)"|aria-(?:labelledby|describedby)="([^"]*)"', svg)
        assert all(r.startswith(prefix) for group in refs for r in group if r)
        assert 'role="img"' in svg
        # the one <style> is scoped to its own drawing
        styles = re.findall(r"<style>(.*?)</style>", svg, re.S)
        assert len(styles) == 1
        rules = [r for r in styles[0].split("}") if r.strip()]
        assert rules and all(f"#{prefix}diagram " in r for r in rules)
