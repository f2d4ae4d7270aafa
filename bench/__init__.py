"""hirebot's benchmark harness: ``python -m bench`` (see ``docs/benchmarks.md``).

A benchmark, not a test: it starts the real server in a subprocess against the fake Slack Web API from
``tests/fakes`` and a real Redis, drives signed requests at it over loopback, and compares it with a bare Bolt
app served the same way. Results go to ``bench/results/<timestamp>.json`` and a table on stdout.
"""
