"""Every action_id, block_id and callback_id the app uses, defined once and shared with ``handlers/``."""

from __future__ import annotations

from typing import Final

HIRE_COMMAND: Final = "/hire"

# Buttons on /hire cards
SHARE_ACTION: Final = "hire_share"
AI_VS_ML_CHOICE_ACTION: Final = "hire_ai_vs_ml_choice"
PAY_CARD_ACTIONS_BLOCK: Final = "hire_card_actions"
AI_VS_ML_CHOICES_BLOCK: Final = "hire_ai_vs_ml_choices"

# Answers to DMs, mentions and the assistant pane
FEEDBACK_BLOCK: Final = "answer_feedback"
FEEDBACK_HELPFUL_ACTION: Final = "answer_helpful"
FEEDBACK_UNHELPFUL_ACTION: Final = "answer_unhelpful"
