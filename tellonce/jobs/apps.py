from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "tellonce.jobs"
    label = "jobs"
    verbose_name = "Background work: the task queue, its worker, retries, dead letters and the schedule"
