"""One reader module per document format, found through the suffix registry (`registry`).

Each module defines ``extract(path: Path, data: bytes) -> Extracted``: the blocks of the
document in reading order, the file's own metadata and the problems cleaned. It raises
`DocumentError` subclasses for a file it cannot read. text.py and pdf.py hand their lines to
`ingest.document.structure`; markdown.py, html.py and docx.py take the structure the format
marks up.
"""
