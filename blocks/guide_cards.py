"""Cards for the guide's advice: AI vs ML, the recommendation, interviews, portfolios, sourcing and plays."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, PlainTextObject

from blocks import ids
from blocks.common import Card, bullets, context, divider, fields, header, markdown, share_actions, source_context
from knowledge.guide import GUIDE
from knowledge.models import Audience, Guide, Role, Section
from knowledge.pay import Location, PayCalculator, PayQuote

AiVsMlChoice = Literal["foundation", "moat", "unsure"]
CHOICES: dict[AiVsMlChoice, str] = {
    "foundation": "We build on foundation models",
    "moat": "Our model is our moat",
    "unsure": "Not sure yet",
}


def parse_choice(value: str) -> AiVsMlChoice | None:
    for choice in CHOICES:
        if value == choice:
            return choice
    return None


def ai_vs_ml_card(guide: Guide = GUIDE) -> Card:
    c, ai, ml = guide.confusion, guide.ai_profile, guide.ml_profile
    rows = [
        (f"*{ai.title}*\n{ai.one_liner}", f"*{ml.title}*\n{ml.one_liner}"),
        ("*Builds*\n" + bullets(ai.builds), "*Builds*\n" + bullets(ml.builds)),
        (f"*North star*\n{ai.north_star}", f"*North star*\n{ml.north_star}"),
        ("*A typical day*\n" + ", ".join(ai.typical_day), "*A typical day*\n" + ", ".join(ml.typical_day)),
        ("*Where they struggle*\n" + ai.weak_spot, "*Where they struggle*\n" + ml.weak_spot),
    ]
    blocks: list[Block] = [
        header("AI engineer or ML engineer?"),
        markdown(
            f"They share only about *{c.shared_skills_percent}%* of their skills. Hire the wrong one and you can "
            f"lose *{c.setback_months}* and *{c.setback_cost}*."
        ),
        *fields([cell for row in rows for cell in row]),
        markdown(f"*Rule of thumb*\n{c.hire_ai_when}\n{c.hire_ml_when}"),
        source_context([Section.ROLE_CONFUSION, Section.AI_ENGINEERS, Section.ML_ENGINEERS]),
        divider(),
        markdown("*Which one do you need?* Tell me what you're building:"),
        ActionsBlock(
            block_id=ids.AI_VS_ML_CHOICES_BLOCK,
            elements=[
                ButtonElement(
                    text=PlainTextObject(text=label),
                    action_id=f"{ids.AI_VS_ML_CHOICE_ACTION}:{choice}",
                    value=choice,
                    style="primary" if choice == "foundation" else None,
                )
                for choice, label in CHOICES.items()
            ],
        ),
        *share_actions("ai-vs-ml"),
    ]
    return Card(
        blocks, f"AI engineer or ML engineer? They share only about {c.shared_skills_percent}% of their skills."
    )


def _budget_line(quote: PayQuote) -> str:
    return f"*{quote.band.title}*: {quote.range_text} base + cash bonus (US)"


def recommendation_card(choice: AiVsMlChoice, calculator: PayCalculator, guide: Guide = GUIDE) -> Card:
    founder, contract, hire = guide.plays
    us = Location.us()
    if choice == "foundation":
        title = "Hire an AI engineer first"
        why = guide.confusion.hire_ai_when
        play = (
            f"*Play:* {hire.name.lower()} once AI is core to the product and there are {hire.figures[0]} of "
            f"clear work. Until then, {contract.name.lower()} at {contract.figures[1]}."
        )
        budget = [calculator.apply(guide.band("ai-mid"), us)]
        extra = f"{guide.underpay.saving} {guide.underpay.alternative}"
    elif choice == "moat":
        title = "Hire an ML engineer"
        why = guide.confusion.hire_ml_when
        play = (
            f"*Play:* {hire.name.lower()}: the model is the product, so the work is core and long-lived "
            f"({hire.figures[0]} or more)."
        )
        budget = [
            calculator.apply(guide.band("ml-mid"), us),
            calculator.apply(guide.band("ml-senior"), us),
            calculator.apply(guide.band("research"), us),
        ]
        extra = (
            f"A research engineer only if the product depends on a differentiated model. {guide.ml_tribes[1].summary}"
        )
    else:
        title = "Don't hire full time yet"
        why = f"{guide.confusion.hire_ai_when}\n{guide.confusion.hire_ml_when}"
        play = (
            f"*Play:* if you're technical and the first feature is simple retrieval or classification, "
            f"{founder.what[0].lower()}{founder.what[1:]} Otherwise {contract.name.lower()} at "
            f"{contract.figures[1]} to learn what you need."
        )
        budget = [calculator.apply(guide.band("ai-mid"), us), calculator.apply(guide.band("ml-mid"), us)]
        extra = hire.watch_out or ""
    blocks: list[Block] = [
        header(title),
        markdown(why),
        markdown(play),
        markdown("*Budget*\n" + "\n".join(_budget_line(q) for q in budget)),
        context(extra),
        source_context([Section.ROLE_CONFUSION, Section.PLAYS, Section.SALARIES]),
        *share_actions(f"recommend {choice}"),
    ]
    return Card(blocks, f"{title}. {why}")


def questions_card(roles: Sequence[Role], guide: Guide = GUIDE) -> Card:
    """The guide's five questions for each role asked for (research engineers get the ML set)."""
    wanted = list(dict.fromkeys(Role.AI_ENGINEER if r is Role.AI_ENGINEER else Role.ML_ENGINEER for r in roles))
    who = " and ".join("AI engineers" if r is Role.AI_ENGINEER else "ML engineers" for r in wanted)
    blocks: list[Block] = [header(f"Interview questions for {who}")]
    for role in wanted:
        if len(wanted) > 1:
            blocks.append(markdown(f"*{'AI engineers' if role is Role.AI_ENGINEER else 'ML engineers'}*"))
        for number, question in enumerate(guide.questions_for(role), start=1):
            blocks.append(markdown(f"*{number}.* {question.question}"))
            blocks.append(context(f"Listen for: {question.listen_for}"))
    share = "questions" if len(wanted) > 1 else f"questions {wanted[0].value}"
    blocks += [markdown(bullets(guide.interview_advice)), source_context([Section.INTERVIEWS]), *share_actions(share)]
    return Card(blocks, f"Interview questions for {who}: {guide.questions_for(wanted[0])[0].question}")


def _signs(items: tuple[str, ...], heading: str) -> str:
    return f"*{heading}*\n" + bullets(items)


def flags_card(guide: Guide = GUIDE) -> Card:
    general = tuple(s.text for s in guide.red_flags if s.audience is not Audience.ML)
    ml_only = tuple(s.text for s in guide.red_flags if s.audience is Audience.ML)
    blocks: list[Block] = [
        header("Portfolio red flags"),
        markdown(_signs(general, "Any candidate")),
        markdown(_signs(ml_only, "ML candidates")),
        source_context([Section.PORTFOLIOS]),
        *share_actions("flags"),
    ]
    return Card(blocks, "Portfolio red flags: " + general[0])


def signals_card(guide: Guide = GUIDE) -> Card:
    general = tuple(s.text for s in guide.seniority_signals if s.audience is Audience.ANY)
    ai = tuple(s.text for s in guide.seniority_signals if s.audience is Audience.AI)
    ml = tuple(s.text for s in guide.seniority_signals if s.audience is Audience.ML)
    blocks: list[Block] = [
        header("Seniority signals"),
        markdown(_signs(general, "Any candidate")),
        *fields([_signs(ai, "AI engineers"), _signs(ml, "ML engineers")]),
        markdown(f"*Underrated:* {guide.underrated_signal}"),
        source_context([Section.PORTFOLIOS]),
        *share_actions("signals"),
    ]
    return Card(blocks, "Seniority signals: " + general[0])


def sourcing_card(guide: Guide = GUIDE) -> Card:
    blocks: list[Block] = [
        header("Where to find AI and ML engineers"),
        markdown(
            f"LinkedIn InMail replies from senior AI engineers are *{guide.inmail_response_rate}*. Founder-led "
            f"sourcing beats recruiter-led about *{guide.founder_led_advantage}* at seed to Series A."
        ),
        *fields([f"*{ch.name}*\n{ch.why}" for ch in guide.sourcing_channels]),
        markdown("*Outreach*\n" + bullets(guide.outreach_advice)),
        source_context([Section.SOURCING]),
        *share_actions("sourcing"),
    ]
    return Card(blocks, f"Where to find AI and ML engineers: founder-led sourcing wins {guide.founder_led_advantage}.")


def plays_card(guide: Guide = GUIDE) -> Card:
    blocks: list[Block] = [header("Build, contract or hire?")]
    for play in guide.plays:
        lines = [f"*Play {play.number}: {play.name}*", play.what, "*When:* " + "; ".join(play.when) + "."]
        if play.watch_out:
            lines.append(f"_{play.watch_out}_")
        blocks.append(markdown("\n".join(lines)))
    blocks += [source_context([Section.PLAYS]), *share_actions("plays")]
    return Card(blocks, "Build, contract or hire: the three plays.")


def equity_card(guide: Guide = GUIDE) -> Card:
    e = guide.equity
    blocks: list[Block] = [
        header("Equity"),
        markdown(bullets([e.senior_hire, e.founding_engineer, e.research_engineer])),
        context(e.context),
        source_context([Section.SALARIES]),
        *share_actions("equity"),
    ]
    return Card(blocks, f"Equity: {e.senior_hire}; {e.founding_engineer}.")
