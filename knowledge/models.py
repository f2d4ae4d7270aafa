"""Typed shapes of the hiring guide's content. Every fact names the guide section it came from."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Section(StrEnum):
    """The guide's sections, by their headings, so every answer can cite where it came from."""

    ROLE_CONFUSION = "The Role Confusion Costing Startups Six Figures"
    AI_ENGINEERS = "What AI Engineers Actually Do (Prompt, Product, Eval)"
    ML_ENGINEERS = "What ML Engineers Actually Do (Model, Research, Training)"
    SALARIES = "Salary Ranges in 2026: What You Will Actually Pay"
    INTERVIEWS = "Interview Questions That Actually Separate Signal from Noise"
    PORTFOLIOS = "Portfolio Red Flags and Seniority Signals"
    SOURCING = "Where to Actually Find These People in 2026"
    PLAYS = "Build vs Hire vs Contract: The Decision Framework"


class Role(StrEnum):
    AI_ENGINEER = "ai"
    ML_ENGINEER = "ml"
    RESEARCH_ENGINEER = "research"

    @property
    def noun(self) -> str:
        return {"ai": "AI engineer", "ml": "ML engineer", "research": "research engineer"}[self.value]


class Level(StrEnum):
    JUNIOR = "junior"
    MID = "mid"
    SENIOR = "senior"
    STAFF = "staff"
    PRINCIPAL = "principal"

    @property
    def rank(self) -> int:
        return list(Level).index(self)

    @property
    def adjective(self) -> str:
        return "mid-level" if self is Level.MID else self.value


class Audience(StrEnum):
    """Which candidates a piece of advice is about."""

    ANY = "any"
    AI = "ai"
    ML = "ml"


class Fact(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    source: Section


class PayBand(Fact):
    """One of the guide's seven bands: US hire, seed to Series B, base plus cash bonus, in $K, no equity."""

    key: str
    role: Role
    level: Level | None = Field(description="None when the band is not tied to a level (research engineers)")
    title: str
    experience: str | None = None
    low_k: int = Field(gt=0)
    high_k: int = Field(gt=0)
    profile: str

    @model_validator(mode="after")
    def _ordered(self) -> PayBand:
        if self.low_k >= self.high_k:
            raise ValueError(f"band {self.key}: low must be below high")
        return self


class LocationRule(Fact):
    """A multiplier the guide applies to both ends of every band for where the hire lives."""

    key: str
    title: str
    low_factor: str
    high_factor: str
    guide_wording: str
    caveat: str | None = None


class AgenticPremium(Fact):
    role: Role
    level: Level
    amount_k: int
    condition: str


class Competency(Fact):
    name: str
    summary: str
    what_good_looks_like: tuple[str, ...]


class RoleProfile(Fact):
    role: Role
    title: str
    one_liner: str
    builds: tuple[str, ...]
    north_star: str
    typical_day: tuple[str, ...]
    weak_spot: str


class MlTribe(Fact):
    name: str
    summary: str
    tools_and_work: tuple[str, ...]


class RoleConfusion(Fact):
    shared_skills_percent: int
    setback_months: str
    setback_cost: str
    why_it_happens: tuple[str, ...]
    hire_ai_when: str
    hire_ml_when: str
    failure_modes: tuple[str, ...]


class InterviewQuestion(Fact):
    role: Role
    question: str
    listen_for: str
    # Words that name what the question probes ("cost", "rag"): someone asking about that gets it first.
    about: tuple[str, ...] = ()


class PortfolioSign(Fact):
    text: str
    audience: Audience = Audience.ANY


class SourcingChannel(Fact):
    name: str
    why: str
    best_for: Audience = Audience.ANY
    # Words that name the channel ("kaggle", "hn"): someone asking about it gets it first.
    about: tuple[str, ...] = ()


class Play(Fact):
    number: int
    key: str
    name: str
    when: tuple[str, ...]
    when_together: bool = False  # the conditions hold together ("technical founder and a simple first feature")
    what: str
    figures: tuple[str, ...] = ()
    watch_out: str | None = None


class EquityGuidance(Fact):
    senior_hire: str
    founding_engineer: str
    research_engineer: str
    context: str


class UnderpayWarning(Fact):
    saving: str
    consequence: str
    alternative: str


class Guide(BaseModel):
    """The whole guide as data: the single source of every figure and claim the bot makes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    confusion: RoleConfusion
    ai_profile: RoleProfile
    ppe_triangle: tuple[Competency, Competency, Competency]
    ml_profile: RoleProfile
    ml_tribes: tuple[MlTribe, MlTribe]
    bands: tuple[PayBand, ...] = Field(min_length=7, max_length=7)
    location_rules: tuple[LocationRule, ...]
    agentic_premium: AgenticPremium
    market_note: str
    equity: EquityGuidance
    underpay: UnderpayWarning
    interview_questions: tuple[InterviewQuestion, ...]
    interview_advice: tuple[str, ...]
    red_flags: tuple[PortfolioSign, ...]
    seniority_signals: tuple[PortfolioSign, ...]
    underrated_signal: str
    inmail_response_rate: str
    founder_led_advantage: str
    sourcing_channels: tuple[SourcingChannel, ...]
    outreach_advice: tuple[str, ...]
    plays: tuple[Play, Play, Play]

    @model_validator(mode="after")
    def _complete(self) -> Guide:
        keys = [band.key for band in self.bands]
        if len(set(keys)) != len(keys):
            raise ValueError("pay band keys must be unique")
        for role in (Role.AI_ENGINEER, Role.ML_ENGINEER):
            if sum(1 for q in self.interview_questions if q.role is role) != 5:
                raise ValueError(f"the guide has five interview questions for {role.noun}s")
        return self

    def band(self, key: str) -> PayBand:
        for band in self.bands:
            if band.key == key:
                return band
        raise KeyError(key)

    def rule(self, key: str) -> LocationRule:
        for rule in self.location_rules:
            if rule.key == key:
                return rule
        raise KeyError(key)

    def questions_for(self, role: Role) -> tuple[InterviewQuestion, ...]:
        wanted = Role.ML_ENGINEER if role is Role.RESEARCH_ENGINEER else role
        return tuple(q for q in self.interview_questions if q.role is wanted)
