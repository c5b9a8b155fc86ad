# 谁会收到什么通知，以及等待工作人员处理的事项。

notifications-co-sponsor-invited = 您的组织受邀共同提出本提案。请在提案页面上答复。
notifications-proposal-arrived = 您所在小组有一项新提案等待您审议。
notifications-proposal-resubmitted = 本提案的新版本等待您审议。
notifications-contribution-hidden = 一名主持人隐藏了您的意见。
notifications-contribution-shown = 一名主持人已重新公开您的意见。
notifications-revision-published = 本修订稿已发布。
notifications-reason = 理由

contribution-unhide-title = 重新公开本意见
contribution-unhide-reason = 理由（公开，并通知作者）
contribution-unhide-hint = 5 至 1000 个字符。作者将收到通知，审计日志会予以保留。
contribution-unhide = 重新公开
contribution-error-unhide-reason = 请填写 5 至 1000 个字符的理由。
notice-unhidden = 该意见已重新公开；已通知其作者。

proposal-invite-choose = 选择一个组织
proposal-error-organisation-not-accredited = 该组织未获本进程认可。请从列表中选择。

error-revision-after-final = 已发布名为“最终文本”的修订稿。请勾选方框，确认本修订稿在其之后发布。
document-after-final-warning = 最新修订稿名为“最终”。读者会将其视为最终文本。
document-after-final-confirm = 在最终修订稿之后发布本修订稿

document-unreported-groups = 以下小组尚无已发布的报告
document-missing-accepted = 本小组有 { $count } 项已接受的提案尚未列入报告
document-missing-version = 第 { $version } 版
document-pull-accepted = 将这 { $count } 项提案加入报告
notice-pulled-accepted = 已接受的提案已加入报告，每项均附有来源。
notice-nothing-to-pull = 报告已包含这些提案。
document-pick-scope = 查找范围
document-pick-scope-group = 本小组已接受的提案
document-pick-scope-all = 主席摘要和所有已接受的提案

process-participation = 参与
work-title = 您的工作
work-review = { $count ->
    [0] 没有等待您审议的提案
   *[other] { $count } 项提案等待您审议
}
work-hidden = { $count ->
    [0] 没有被隐藏的意见
   *[other] { $count } 份被隐藏的意见
}
work-document-revisions = { $count ->
    [0] 工作稿，尚未发布任何修订稿
   *[other] 工作稿，已发布 { $count } 份修订稿
}
work-compile-summary = 主席摘要尚未汇编。
work-start-draft = 草案尚未开始起草。
work-unreported = { $count } 个小组尚无已发布的报告
work-accreditations = { $count ->
    [0] 没有待处理的认可申请
   *[other] { $count } 项认可申请等待您决定
}
