# Who is told what, and what waits for staff: notifications beyond decisions, showing a hidden
# contribution again, the "Your work" panel, group reports kept current, revisions after "Final".

notifications-co-sponsor-invited = Your organisation is invited to co-sponsor this proposal. Answer on its page.
notifications-proposal-arrived = A new proposal in your group awaits your review.
notifications-proposal-resubmitted = A new version of this proposal awaits your review.
notifications-contribution-hidden = A moderator has hidden your contribution.
notifications-contribution-shown = A moderator has made your contribution public again.
notifications-revision-published = This revision has been published.
notifications-reason = Reason

contribution-unhide-title = Make this contribution public again
contribution-unhide-reason = Reason (public, sent to the author)
contribution-unhide-hint = Between 5 and 1,000 characters. Its author is notified, and the audit log keeps it.
contribution-unhide = Make public again
contribution-error-unhide-reason = Give a reason of 5 to 1,000 characters.
notice-unhidden = The contribution is public again; its author has been notified.

proposal-invite-choose = Choose an organisation
proposal-error-organisation-not-accredited = This organisation is not accredited in this process. Choose one from the list.

error-revision-after-final = A revision named "Final" has been published. Tick the box to confirm that this revision follows it.
document-after-final-warning = The latest revision is named "Final". Readers will take it as the final text.
document-after-final-confirm = Publish this revision after the final one

document-unreported-groups = These groups have no published report yet
document-missing-accepted = { $count ->
    [one] One accepted proposal of this group is not in the report yet
   *[other] { $count } accepted proposals of this group are not in the report yet
}
document-missing-version = version { $version }
document-pull-accepted = { $count ->
    [one] Add this proposal to the report
   *[other] Add these { $count } proposals to the report
}
notice-pulled-accepted = The accepted proposals have been added to the report, each with its source.
notice-nothing-to-pull = The report already includes these proposals.
document-pick-scope = Where to look
document-pick-scope-group = This group's accepted proposals
document-pick-scope-all = The Chair's summary and all accepted proposals

process-participation = Taking part
work-title = Your work
work-review = { $count ->
    [0] No proposal awaits your review
    [one] One proposal awaits your review
   *[other] { $count } proposals await your review
}
work-hidden = { $count ->
    [0] No contribution is hidden
    [one] One hidden contribution
   *[other] { $count } hidden contributions
}
work-document-revisions = { $count ->
    [0] working copy, nothing published yet
    [one] working copy, one revision published
   *[other] working copy, { $count } revisions published
}
work-compile-summary = The Chair's summary is not compiled yet.
work-start-draft = The draft is not started yet.
work-unreported = { $count ->
    [one] One group has no published report yet
   *[other] { $count } groups have no published report yet
}
work-accreditations = { $count ->
    [0] No accreditation request waits
    [one] One accreditation request awaits your decision
   *[other] { $count } accreditation requests await your decision
}
