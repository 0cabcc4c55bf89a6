"""`atlas-render markdown`: pages with image links to drawings beside them."""

import subprocess


def test_a_tree_of_pages_becomes_copies_with_image_links(binary, tmp_path):
    docs = tmp_path / "docs"
    (docs / "guide").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\nNo diagrams.\n", encoding="utf-8")
    (docs / "guide" / "flow.md").write_text(
        "# Flow\n\n1. Step\n\n    ```mermaid\n    graph TD\n      accTitle: Checkout flow\n      A --> B\n    ```\n\n"
        "```mermaid\ngraph TD\n  A[Zuul (Primary)] --> B\n```\n\n```mermaid\nclassDiagram\n  Open <|-- Closed\n```\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    p = subprocess.run([binary, "markdown", str(docs), "-o", str(out), "--format", "png"], capture_output=True, text=True)
    assert p.returncode == 1, "a refusal and an undrawable block are problems"
    assert "2 pages" in p.stderr and "2 diagrams drawn, 1 left as they were" in p.stderr
    assert "flow.md:13:10: AR101" in p.stderr and "flow.md:17:1: AR002" in p.stderr
    assert (out / "index.md").read_text(encoding="utf-8") == "# Home\n\nNo diagrams.\n"
    copy = (out / "guide" / "flow.md").read_text(encoding="utf-8")
    assert "    ![Checkout flow](flow-1.png)\n" in copy and "\n![Diagram 2](flow-2.png)\n" in copy
    assert "```mermaid\nclassDiagram" in copy
    assert (out / "guide" / "flow-1.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not (out / "guide" / "flow-3.png").exists()


def test_it_never_writes_over_its_input(binary, tmp_path):
    page = tmp_path / "page.md"
    page.write_text("```mermaid\ngraph TD\n  A --> B\n```\n", encoding="utf-8")
    p = subprocess.run([binary, "markdown", str(page), "-o", str(tmp_path)], capture_output=True, text=True)
    assert p.returncode == 2 and "over itself" in p.stderr
    assert page.read_text(encoding="utf-8") == "```mermaid\ngraph TD\n  A --> B\n```\n"
