"""The success proposal as a readable letter (Markdown), for the app's preview."""

from __future__ import annotations

from ..framework.definition import Framework
from ..models.commitment import Contact, Proposal, Signature


def _contact(title: str, contact: Contact) -> list[str]:
    lines = [f"**{title}**", ""]
    for label, value in (
        ("Name", contact.name),
        ("Email", contact.email),
        ("Mobile", contact.mobile),
        ("Work phone", contact.work_phone),
    ):
        lines.append(f"- {label}: {value or '…'}")
    return [*lines, ""]


def _signature(title: str, signature: Signature) -> str:
    mark = "signed" if signature.signed else "not signed yet"
    when = f" on {signature.date.isoformat()}" if signature.date else ""
    return f"- {title}: {signature.name or '________________'} — {mark}{when}"


def proposal_markdown(proposal: Proposal, framework: Framework, customer: str) -> str:
    """Header, preamble, the four aspects with their agreed specifics, contacts, signatures."""
    date = proposal.date.isoformat() if proposal.date else "(no date yet)"
    lines = [
        f"# Customer Success Proposal — {customer or 'customer'}",
        "",
        f"To: {proposal.addressee or '(the senior project lead)'}  ",
        f"Date: {date}  ",
        f"State: {proposal.state}",
        "",
        (proposal.preamble or framework.proposal_preamble).strip(),
        "",
    ]
    specifics = {aspect.id: aspect.specifics for aspect in proposal.aspects}
    for aspect in framework.proposal_aspects:
        lines += [
            f"## {aspect.name}",
            "",
            f"*{aspect.description}*",
            "",
            specifics.get(aspect.id, "").strip() or "(to be agreed)",
            "",
        ]
    lines += ["## Contacts", ""]
    lines += _contact("Customer Success Manager", proposal.csm_contact)
    lines += _contact("Senior project lead", proposal.spl_contact)
    lines += [
        "## Signatures",
        "",
        _signature("Customer Success Manager", proposal.csm_signature),
        _signature("Senior project lead", proposal.spl_signature),
    ]
    return "\n".join(lines) + "\n"
