//! SVG: drawing laid-out diagrams. The writer, theme and shapes are shared;
//! each diagram kind has its own drawing file.
