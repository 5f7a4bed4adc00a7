from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "tellonce.assessments"
    label = "assessments"
    verbose_name = "EHC needs assessments"
