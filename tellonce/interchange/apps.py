from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "tellonce.interchange"
    label = "interchange"
    verbose_name = "A council's cases in and out: import, export and the API that joins apps"
