//! PNG and PDF from our SVG, through resvg and svg2pdf, with the bundled fonts.
