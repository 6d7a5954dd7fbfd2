"""Signals other apps listen to, so that accounts depends on none of them."""

from django.dispatch import Signal

# Sent inside the transaction that deactivates a user, with `user` and `actor` (who did it):
# the tickets app unassigns the user's open work (tickets/receivers.py).
user_deactivated = Signal()
