"""Every action_id, block_id and callback_id the app uses, defined once and shared with ``handlers/``."""

from __future__ import annotations

from typing import Final

HIRE_COMMAND: Final = "/hire"

# Buttons on /hire cards
SHARE_ACTION: Final = "hire_share"
AI_VS_ML_CHOICE_ACTION: Final = "hire_ai_vs_ml_choice"
SHARE_BLOCK: Final = "hire_card_actions"
AI_VS_ML_CHOICES_BLOCK: Final = "hire_ai_vs_ml_choices"

# Answers to DMs, mentions and the assistant pane
FEEDBACK_BLOCK: Final = "answer_feedback"  # the context_actions block with Slack's feedback buttons
FEEDBACK_ACTION: Final = "answer_feedback_vote"  # its feedback_buttons element; the value says which vote
# Earlier answers' own Helpful / Not helpful buttons, still answered; now the feedback buttons' value prefixes.
FEEDBACK_HELPFUL_ACTION: Final = "answer_helpful"
FEEDBACK_UNHELPFUL_ACTION: Final = "answer_unhelpful"
SHOW_ALL_BLOCK: Final = "answer_show_all_block"
ANSWER_MORE_ACTION: Final = "answer_show_all"

# Interview scorecards: the modal, its fields, and the buttons that open it
SCORECARD_SHORTCUT: Final = "hire_scorecard_shortcut"
SCORECARD_VIEW: Final = "hire_scorecard"
SCORECARD_SAVED_VIEW: Final = "hire_scorecard_saved"
LOADING_VIEW: Final = "hire_loading"
SCORECARD_NOTICE_BLOCK: Final = "scorecard_notice"
SCORECARD_CANDIDATE_BLOCK: Final = "scorecard_candidate"
SCORECARD_CANDIDATE_ACTION: Final = "scorecard_candidate_input"
SCORECARD_ROLE_BLOCK: Final = "scorecard_role"
SCORECARD_ROLE_ACTION: Final = "scorecard_role_select"
SCORECARD_LEVEL_BLOCK: Final = "scorecard_level"
SCORECARD_LEVEL_ACTION: Final = "scorecard_level_select"
SCORECARD_INTERVIEW_BLOCK: Final = "scorecard_interview"
SCORECARD_INTERVIEW_ACTION: Final = "scorecard_interview_select"
SCORECARD_RATING_BLOCK_PREFIX: Final = "scorecard_rating:"  # + the competency key
SCORECARD_RATING_ACTION: Final = "scorecard_rating_choice"
SCORECARD_RED_FLAGS_BLOCK: Final = "scorecard_red_flags"
SCORECARD_SIGNALS_BLOCK: Final = "scorecard_signals"
SCORECARD_QUESTIONS_BLOCK: Final = "scorecard_questions"
SCORECARD_CHECKBOXES_ACTION: Final = "scorecard_checked"
SCORECARD_RECOMMENDATION_BLOCK: Final = "scorecard_recommendation"
SCORECARD_RECOMMENDATION_ACTION: Final = "scorecard_recommendation_choice"
SCORECARD_NOTES_BLOCK: Final = "scorecard_notes"
SCORECARD_NOTES_ACTION: Final = "scorecard_notes_input"
FILL_SCORECARD_ACTION: Final = "hire_fill_scorecard"
EDIT_SCORECARD_ACTION: Final = "hire_edit_scorecard"
SHOW_SCORECARD_ACTION: Final = "hire_show_scorecard"
SCORECARD_CARD_ACTIONS_BLOCK: Final = "scorecard_card_actions"

# Debriefs, reminders and the App Home
DEBRIEF_VIEW: Final = "hire_debrief"
OPEN_DEBRIEF_ACTION: Final = "hire_open_debrief"
CANCEL_REMINDER_ACTION: Final = "hire_cancel_reminder"
HOME_ASK_ACTION: Final = "hire_home_ask"
QUESTION_VIEW: Final = "hire_question"
QUESTION_BLOCK: Final = "hire_question_text"
QUESTION_ACTION: Final = "hire_question_input"

# Decisions, offers, forgetting a candidate and calibration
DECISION_VIEW: Final = "hire_decision"
DECISION_DONE_VIEW: Final = "hire_decision_done"
DECISION_OUTCOME_BLOCK: Final = "decision_outcome"
DECISION_OUTCOME_ACTION: Final = "decision_outcome_choice"
DECISION_LEVEL_BLOCK: Final = "decision_level"
DECISION_LEVEL_ACTION: Final = "decision_level_select"
DECISION_REASONS_BLOCK: Final = "decision_reasons"
DECISION_REASONS_ACTION: Final = "decision_reasons_input"
DRAFT_OFFER_ACTION: Final = "hire_draft_offer"
OFFER_VIEW: Final = "hire_offer"
OFFER_DONE_VIEW: Final = "hire_offer_done"
OFFER_LOCATION_BLOCK: Final = "offer_location"
OFFER_LOCATION_ACTION: Final = "offer_location_input"
OFFER_FOUNDING_BLOCK: Final = "offer_founding"
OFFER_FOUNDING_ACTION: Final = "offer_founding_check"
OFFER_SHARE_BLOCK: Final = "offer_share"
OFFER_SHARE_ACTION: Final = "offer_share_choice"
FORGET_VIEW: Final = "hire_forget"
FORGET_DONE_VIEW: Final = "hire_forget_done"
FORGET_NOTICE_BLOCK: Final = "forget_notice"
HOME_SETTINGS_ACTION: Final = "hire_home_settings"
SETTINGS_VIEW: Final = "hire_settings"
SETTINGS_MANAGERS_BLOCK: Final = "settings_managers"
SETTINGS_MANAGERS_ACTION: Final = "settings_managers_select"
SETTINGS_CHANNEL_BLOCK: Final = "settings_channel"
SETTINGS_CHANNEL_ACTION: Final = "settings_channel_select"
SETTINGS_RETENTION_BLOCK: Final = "settings_retention"
SETTINGS_RETENTION_ACTION: Final = "settings_retention_days"
SETTINGS_LOCATION_BLOCK: Final = "settings_offer_location"
SETTINGS_LOCATION_ACTION: Final = "settings_offer_location_input"
SETTINGS_CLAUDE_BLOCK: Final = "settings_claude"
SETTINGS_CLAUDE_ACTION: Final = "settings_claude_choice"
