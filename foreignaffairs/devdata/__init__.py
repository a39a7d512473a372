"""Data for people trying the system and for measuring it: the demo facts of the source articles (`demo`),
synthetic records at national scale (`synthetic`, written through `bulk_insert`), and the benchmark
(`benchmark`, `bench_yardsticks`).

Composition: it imports every app. Only management commands and tests import it.
"""
