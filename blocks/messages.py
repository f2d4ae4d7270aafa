"""What hirebot tells people when something didn't go as asked: refusals, damaged payloads, a database that
doesn't answer, usage hints. Kept in one place so the same situation is always said the same way.

Plain sentences: whoever shows one in mrkdwn escapes it (``blocks.common.escape``) like any other text.
"""

from __future__ import annotations

from typing import Final

# Anything that failed on our side, with nothing more specific to say.
SORRY: Final = "Sorry, something went wrong on my side. Please try again."
CARD_FAILED: Final = "Sorry, something went wrong building that card. Please try again, or try `/hire help`."
ANSWER_FAILED: Final = "Sorry, something went wrong answering that. Please try again."

# Buttons and forms whose data came back damaged or tampered with.
SHARE_DAMAGED: Final = (
    "That button's data didn't come through intact, so I didn't post anything. Run the command again."
)
BUTTON_DAMAGED: Final = "That button's data was damaged."
FILL_BUTTON_DAMAGED: Final = "That button's data didn't come through intact, so the form starts empty."
FORM_DAMAGED: Final = "This form's data didn't come through intact. Press Save again; if it keeps happening, reopen it."
FORM_METADATA_DAMAGED: Final = (
    "Some of this form's hidden data didn't come through intact, so answers for other roles may be gone. "
    "Everything shown here is kept."
)
SAVED_DESPITE_DAMAGE: Final = "The form's hidden data was damaged; your scorecard was saved from what you typed."
QUESTION_DAMAGED: Final = "That didn't come through; try again."

# hirebot's database (Redis) not answering.
STORE_DOWN: Final = "hirebot can't reach its database right now, so scorecards are unavailable. Try again in a minute."
STORE_DOWN_FORM: Final = (
    "hirebot's database isn't answering right now. Fill the form anyway: Save keeps it open and tells you if it "
    "can't save yet."
)
STORE_DOWN_EDIT: Final = "hirebot's database isn't answering right now; try again in a minute."
NOT_SAVED: Final = (
    "Not saved yet: hirebot's database didn't answer. Everything you typed is still here; press Save again in a minute."
)
SAVE_FAILED: Final = "Not saved: something went wrong on my side. Everything you typed is still here; press Save again."

# The scorecard form.
COULD_NOT_OPEN_FORM: Final = "Sorry, I couldn't open the scorecard form. Please try again."
COULD_NOT_SWITCH_ROLE: Final = "I couldn't switch the scorecard's role; pick the role again."
STILL_SWITCHING: Final = "The form was still switching roles: check the competencies below and save again."
EDITING_SAVED: Final = "Saving replaces your scorecard for this interview; changing the interview saves a new one."
NOT_YOURS_TO_EDIT: Final = "That scorecard isn't there any more, or it isn't yours to edit."
OPENED_FROM_GONE_REMINDER: Final = (
    "The reminder that brought you here was cancelled or has expired. You can still save."
)
SAVED_AFTER_REMINDER_CANCELLED: Final = (
    "The reminder this form came from had been cancelled; your scorecard is saved anyway."
)

# Debriefs and reminders.
DEBRIEF_USAGE: Final = "Try `/hire debrief Ada Lovelace`: every scorecard for that candidate, read together."
SCORECARD_GONE: Final = "That scorecard isn't there any more."
REMINDER_ALREADY_GONE: Final = "That reminder was already gone."
NOT_YOURS_TO_CANCEL: Final = "Only whoever set a reminder can cancel it."
COULD_NOT_CANCEL_REMINDER: Final = "Sorry, I couldn't cancel that reminder. Please try again."
SCHEDULE_ERRORS: Final = {
    "time_in_past": "That time has already passed; pick a later one.",
    "time_too_far": "Slack can schedule a reminder at most 120 days ahead; pick an earlier time.",
    "restricted_too_many": "Slack won't take more reminders for that time right now; pick another minute.",
}

# Answers, votes and the App Home's question.
VOTE_NOT_RECORDED: Final = "I couldn't record that vote. Thanks anyway!"
VOTE_NOT_SAVED: Final = "I couldn't save your vote just now. Please try again in a minute."
COULD_NOT_OPEN: Final = "Sorry, I couldn't open that. Please try again."
COULD_NOT_ANSWER: Final = "Sorry, I couldn't answer that. Try again."
TYPE_A_QUESTION: Final = "Type a question."

# "Show all" on a shortened answer (handlers/answer_more.py)
SHOW_ALL_EXPIRED: Final = "That answer is too old to expand. Ask me again and reply \u201cmore\u201d to see it all."
SHOW_ALL_UNAVAILABLE: Final = "I couldn't fetch the rest just now. Please try again in a minute."

# A question asked with a file attached: hirebot has no files:read scope, so it reads the message's text only.
FILES_NOT_READ: Final = "I read only the text of your message, not attached files. Here's my answer to the text."
FILES_ONLY: Final = (
    "I read only the text of a message, not attached files. Type your question (paste the part of the file "
    "it's about) and I'll answer it."
)

# Decisions, offers, forgetting and calibration (hiring managers only).
MANAGERS_ONLY: Final = (
    "Only hiring managers can {what}. Ask one of them, or ask whoever runs hirebot to add you to HIRING_MANAGERS."
)
DECIDE_USAGE: Final = "Try `/hire decide Ada Lovelace`: record hire, no hire or hold after the debrief."
OFFER_USAGE: Final = "Try `/hire offer Ada Lovelace`: draft the offer for a candidate you decided to hire."
FORGET_USAGE: Final = "Try `/hire forget Ada Lovelace`: delete everything hirebot holds about that candidate."
DECISION_NOT_SAVED: Final = (
    "Not recorded yet: hirebot's database didn't answer. Your choices are still here; press Record again in a minute."
)
MODAL_DAMAGED: Final = "This form's hidden data didn't come through intact. Close it and run the command again."
OFFER_NOT_SAVED: Final = "Not drafted: hirebot's database didn't answer. Press Draft offer again in a minute."
FORGET_NOT_FINISHED: Final = (
    "Not finished: hirebot's database stopped answering partway. Nothing is lost: press Forget again and it "
    "finishes what's left."
)

# The "Add to Slack" install (pages in a browser, not Slack messages). ``{error}`` is Slack's own error code.
INSTALL_NOT_INSTALLED: Final = "hirebot wasn't installed"
INSTALL_LINK_STALE: Final = (
    "This install link has expired, was already used, or was opened in a different browser, so nothing was "
    "installed. Start again from the Add to Slack page."
)
INSTALL_CANCELLED: Final = "The install was cancelled in Slack ({error}), so nothing was installed."
INSTALL_REFUSED: Final = (
    "Slack refused the install: {error}. Nothing was installed. Start again from the Add to Slack page; if it "
    "keeps happening, check the app's client ID, client secret and redirect URL."
)
INSTALL_STORE_DOWN: Final = (
    "hirebot's database isn't answering, so nothing was installed. Try again from the Add to Slack page in a minute."
)
INSTALL_START_AGAIN: Final = "Start again"

# The agent surface (handlers/assistant.py; the same prompts are in manifest.yml's agent_view).
AGENT_GREETING: Final = (
    "Hi! I answer questions about hiring AI engineers and ML engineers from our hiring guide: pay bands, "
    "which role you need, interview questions, red flags and where to find people."
)
AGENT_PROMPTS_TITLE: Final = "Try one of these:"
AGENT_PROMPTS: Final = (
    ("Pay for a senior ML engineer", "How much is a senior ML engineer in SF?"),
    (
        "AI or ML engineer first?",
        "We're building on Claude. Should we hire an AI engineer or an ML engineer first?",
    ),
    ("Interview an AI engineer", "What interview questions should I ask an AI engineer?"),
    ("Interview an ML engineer", "What interview questions should I ask an ML engineer?"),
)

SETTINGS_ADMINS_ONLY: Final = (
    "Only whoever installed hirebot and the hiring managers can change its settings. Ask one of them."
)
SETTINGS_SAVED: Final = "Settings saved: {count} hiring manager(s), in effect now."
SETTINGS_NOT_SAVED: Final = "hirebot's database isn't answering, so nothing was saved. Try again in a minute."
SETTINGS_CHANNEL_REFUSED: Final = (
    "I can't post in that channel ({reason}). Invite me there with /invite @hirebot, or pick another."
)
SETTINGS_CHANNEL_HELLO: Final = (
    "<@{user}> chose this channel in hirebot's settings: it hears here when a scorecard is submitted, and shared "
    "offers are posted here."
)
SETTINGS_RETENTION_INVALID: Final = "A whole number of days, from 1 to 3650."
SETTINGS_CLAUDE_UNAVAILABLE: Final = (
    "*Claude: not available.* This hirebot has no Anthropic API key (`ANTHROPIC_API_KEY`), so every answer comes "
    "from the guide alone. Whoever runs hirebot can add one."
)
