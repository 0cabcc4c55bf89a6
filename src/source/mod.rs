//! Where diagrams come from: `.mmd` files, and fenced `mermaid` blocks in
//! Markdown files.
