from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "tellonce.feedback"
    label = "feedback"
    verbose_name = "Family voice: surveys, feedback and You said, we did"
