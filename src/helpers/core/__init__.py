"""The common core every stage uses: where files live, whole-file writes, table schemas,
parameter checks, how a long-lived process ends.

Input: none. Output: `paths` (the workspace's folders), `files` (all-or-nothing writes),
`schemas` (the registry of every table's columns), `tables` (reading and writing tables by
schema), `parameters` (checks of notebook parameters that name the allowed values),
`processes` (kernels and runs that end without the interpreter's final collections).
"""
