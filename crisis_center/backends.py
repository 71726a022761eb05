"""Signing in: Django's model backend, with the signed-in person's training hours.

Every page asks what the person may do (`can.log_contacts` in the menu, the trainee's
badge), and most of that is the training gate (DESIGN.md rule 3). Loaded with the user,
the hours cost no query of their own on any page.
"""

from django.contrib.auth.backends import ModelBackend

from crisis_center.models import User


class StaffBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user = User.objects.with_training_hours().get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
