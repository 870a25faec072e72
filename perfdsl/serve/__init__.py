"""`perfdsl serve`: a local web page to fill in and score forms, audit filed forms, score tables
of units and check rubrics.

The stages, each a module of its own, none importing Starlette except `app`, `guard` and
`server` (so the rest is tested, and reused, without a web stack):

    folder   the rubric folder: its listing (the only way a name from a URL becomes a file),
             and each rubric compiled once per version of the file
    form     the fill-in form generated from a rubric's inputs, the figures read back from a
             submitted form or an uploaded data file, and the figures written as YAML
    uploads  files a request carries: their limits (size, a workbook's unpacked size), the
             temporary folder a file is read in and that is removed before the answer, and
             the bytes a page carries back for its downloads
    batch    a table of units scored for the batch page (evaluate_many), and the scored table
             to download (perfdsl.data.tables, as `perfdsl score RUBRIC UNITS -o OUT`)
    check    a rubric's text → its diagnostics and the outline of its groups and indicators
    texts    the page's words in Chinese and English
    guard    the ASGI middleware that answers only to localhost, limits request sizes and sets
             headers that forbid anything but the page's own scripts and styles
    app      the Starlette routes and the Jinja templates (perfdsl/serve/templates)
    server   `perfdsl serve`: bind the socket, run uvicorn

Nothing here keeps state between requests: every page is computed from the rubric folder and
what the request carries, so GET only reads and POST only computes. The only files written are
uploads a reader needs on disk, in a temporary folder removed before the answer is sent.
"""
