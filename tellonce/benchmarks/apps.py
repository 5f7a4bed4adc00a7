from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    name = "tellonce.benchmarks"
    label = "benchmarks"
    verbose_name = "Published figures: England, regions, councils, and the council's statistical neighbours"
