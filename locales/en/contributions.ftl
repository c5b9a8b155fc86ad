## Written contributions
contributions-title = Written contributions
contributions-count = { $count ->
    [one] One contribution
   *[other] { $count } contributions
}
contributions-none = No contribution matches. Try fewer words or other filters.
contribution-new = Write a contribution
contribution-form-title = Write a contribution
contribution-edit-draft-title = Your draft contribution
contribution-your-drafts = Your drafts
contribution-untitled = (untitled draft)
contribution-saved-at = saved
field-contribution-title = Title
field-contribution-title-hint = Up to { $max } characters.
field-contribution-body = Text
field-contribution-body-hint = Up to { $max } characters. You may use Markdown: a blank line between paragraphs, # for a heading, * for a list, **bold**, *italic*.
field-contribution-groups = Action groups
field-contribution-themes = Themes
field-attachments = Attachments
field-attachments-add = Add PDF files
field-attachments-hint = PDF only, up to 20 MB each, up to 5 at a time. They are attached to the draft as soon as you save, preview or submit.
attachment-remove = Remove
contribution-submit = Submit publicly
contribution-submit-hint = Submitting publishes your contribution at once, under your name and organisation, with a reference number: it cannot be undone. Save a draft to keep working on it.
contribution-preview = Preview
contribution-save-draft = Save draft
contribution-preview-heading = Preview
autosave-saved = Draft saved automatically at { "{" }time{ "}" } (UTC).
autosave-failed = The draft could not be saved automatically. Use "Save draft" to keep your text.
contribution-window-closed = The consultation window is not open, so this contribution cannot be submitted now. You can still save it as a draft.
contribution-window-closed-draft-kept = The consultation window closed while you were writing. Your text has been saved as a draft, with nothing lost. Ask the secretariat if you need to submit late.
contribution-window-not-open-draft-kept = The consultation window has not opened yet. Your text has been saved as a draft; submit it once the window opens.
contribution-kept-as-draft = Your text has been saved as a draft. Correct what is marked below, then submit.
contribution-not-saved = Nothing was saved yet: correct what is marked below. Your text is still in the form.
contribution-not-saved-failure = Your text could not be saved this time and was not submitted. It is still in the form: please try again.
contribution-by = Submitted by
contribution-withdrawn-notice = Its author withdrew this contribution.
contribution-withdraw = Withdraw this contribution
contribution-withdraw-intro = Withdrawing keeps the contribution readable, marked as withdrawn. It cannot be undone.
contribution-hidden-tombstone = This contribution was hidden by a moderator
contribution-hidden-reason = Reason:
contribution-hidden-shown-to-you = Hidden from everyone else: you see its text because you wrote it, moderate, or run the process.
contribution-hide-title = Hide this contribution
contribution-hide-reason = Public reason
contribution-hide-hint = Shown in place of the contribution. 5 to 1,000 characters.
contribution-hide = Hide
contribution-status-draft = Draft
contribution-status-submitted = Submitted
contribution-status-withdrawn = Withdrawn
contribution-status-hidden = Hidden
receipt-title = Receipt
receipt-reference = Reference number
receipt-submitted = Received
receipt-hash = SHA-256 of the submitted text
receipt-download = Download the receipt
error-not-pdf = Only PDF files can be attached; a file that is not a PDF was left out.
error-no-such-theme = This process has no such theme.

## Notices
notice-submitted = Your contribution has been received. Its receipt is below: keep the reference number.
notice-draft-saved = Your draft has been saved.
notice-withdrawn = The contribution has been withdrawn.
notice-hidden = The contribution has been hidden; its tombstone shows the reason.
notice-session-expired-draft-saved = Your session had ended, so your text was saved as a draft. Sign in to continue where you were.

## Lists
search-label = Search
search-submit = Search
filter-any = Any
filter-group = Action group
filter-theme = Theme
filter-status = Status
filter-language = Language
sort-label = Sort by
sort-newest = Newest first
sort-oldest = Oldest first
sort-title = Title
sort-reference = Reference number
sort-relevance = Best matches first
search-more-than = More than { $count } match: the newest { $count } are shown. Add a word or a filter to narrow the search.
search-more-than-best = More than { $count } match: the { $count } most relevant are shown. Add a word or a filter to narrow the search.
pagination-label = Pages
pagination-previous = Previous page
pagination-next = Next page
pagination-page = Page { $page }
pagination-first = First page
pagination-rows = Rows { $from }–{ $to } of { $total }
pagination-rows-more = Rows { $from }–{ $to } of more than { $total }
pagination-too-deep = Page numbers stop at { $max }: this is the first page. Go on with “Next page”, or narrow the list with the filters.
contributions-count-more = More than { $count } contributions

## Campaigns: many submissions of the same letter
campaign-title = Campaign
campaign-submitted-times = { $count ->
    [one] This text was submitted once
   *[other] This text was submitted { $count } times
}
campaign-added-words = { $count ->
    [0] none added words of their own
    [one] one added words of their own
   *[other] { $count } added their own words
}
campaign-member = { $count ->
    [one] This text belongs to a campaign.
   *[other] One of { $count } copies of a campaign.
}
campaign-see = See the campaign
campaign-letter = The letter
campaign-copies-heading = Copies with words of their own
campaign-copies-none = No copy differs from the letter.
campaign-copies-no-more = No more copies differ from the letter.
campaign-diff-added = added
campaign-diff-removed = removed

## The receipt as a file (receipt.txt), in the reader's language
receipt-file-heading = Receipt for a written contribution
receipt-file-process = Process:
receipt-file-reference = Reference:
receipt-file-title = Title:
receipt-file-submitted = Submitted:
receipt-file-hash = SHA-256 of the submitted text:
receipt-file-attachment = Attachment:
receipt-file-size = { $size ->
    [one] { $size } byte
   *[other] { $size } bytes
}
receipt-file-check = The hash is taken of the title, a blank line, and the text, exactly as submitted (UTF-8, line breaks as LF). To check it:

# The language a contribution or proposal is written in.
field-text-language = Language of this text
field-text-language-hint = Pre-filled from the script your text is written in; change it if it is wrong.
error-no-such-language = Choose one of the six official languages.
