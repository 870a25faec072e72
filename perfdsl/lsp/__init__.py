"""The language server for rubric files (`perfdsl lsp`): diagnostics, hover, completion,
navigation, rename, outline and semantic tokens in any editor that speaks the Language Server
Protocol. `server` wires requests to `features`, which answer from one document's `analysis`;
`positions` converts perfdsl's character offsets to the protocol's UTF-16 columns. The symbol
index the answers come from is `perfdsl.tools.symbols`. pygls is imported only here.
"""
