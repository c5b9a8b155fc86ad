# 提案审议：队列、决定、内部备注、通知。

## Navigation

nav-notifications = 通知
nav-unread = 未读

## The queue

review-queue-title = 审议队列
review-queue-link = 审议队列
review-queue-intro-decide = 提交给本小组、等待决定的提案，最早的在前。每项决定都针对您所阅读的版本作出，附有理由，并予以公开。
review-queue-intro-read = 提交给本小组、等待决定的提案，最早的在前。作为主持人，您可以阅读队列并撰写内部备注；由报告员作出决定。
review-queue-count = 队列中的提案：{ $count } 项
review-filter = 筛选
review-co-sponsors = 共同提案方
review-co-sponsors-none = 无
review-co-sponsors-1 = 至少 1 个
review-co-sponsors-2 = 至少 2 个
review-co-sponsors-5 = 至少 5 个
review-under-review = 正在审议的版本
review-public-page = 公开页面
review-notes = 内部备注
review-history = 历史
review-similar = 本小组中最相似的提案
review-similar-none = 本小组中没有相似的提案。
review-similarity = 两项提案措辞的重合程度
review-similarity-percent = 相似度 { $percent }%
review-similarity-near-identical = 几乎相同：仅改动一两个词
review-decide = 审议并决定
review-open = 打开

## One proposal under review

review-proposal-title = 审议
review-text = 正在审议的文本
review-decision-title = 决定
review-decision-intro = 您的决定针对第 { $version } 版，即本页所显示的版本。决定连同理由一并公开；报告员以其角色署名。
review-decision = 决定
review-decision-choose = 选择决定
review-decision-accept = 接受
review-decision-request-revision = 要求修改
review-decision-reject = 拒绝
review-decision-merge = 并入另一项提案
review-decision-duplicate = 标记为另一项提案的重复
review-rationale = 理由
review-rationale-hint = 必填。如要求修改，请说明需要更改的内容：作者会在提案页面上看到。
review-rationale-not-recorded = 您的理由（未记录）：
review-target = 另一项提案（用于合并或标记重复）
review-target-hint = 其编号，例如 GCM/CP/0003。该提案必须属于本小组。
review-decision-submit = 记录决定
review-notes-intro = 只有本小组的报告员和主持人以及秘书处能阅读这些备注。
review-notes-none = 尚无备注。
review-note = 新备注
review-note-submit = 添加备注
review-reply-to = 回复 { $author }
review-reply-submit = 回复

## Refusals

review-error-choose-decision = 请选择一项决定。
review-error-not-submitted = 此提案已不再等待决定：在此期间它已被决定、撤回或退回作者。未记录任何内容。
review-error-stale-version = 在您打开此页面后，作者提交了新版本。新版本显示在下方：请阅读后重新决定。您的理由已保留。
review-error-changed = 在您作出决定期间，此提案发生了变化。下方显示其当前状态。未记录任何内容。
review-error-target-required = 请填写另一项提案的编号。
review-error-target-not-expected = 此决定不涉及其他提案。
review-error-target-itself = 提案不能并入自身，也不能是自身的重复。
review-error-target-other-group = 另一项提案属于其他行动小组：只有同一小组的提案才能合并或标记为重复。
review-error-target-not-eligible = 另一项提案不能接受此操作：它本身已被撤回、合并或标记为重复（如为合并，还包括已被拒绝）。
review-error-no-such-target = 本进程中没有具有此编号的已提交提案。

## Public decisions and history

review-decision-public-title = 决定
review-revision-requested-title = 要求修改
review-done-accept = 已接受
review-done-request-revision = 要求修改
review-done-reject = 已拒绝
review-done-merge = 已并入
review-done-duplicate = 已标记为以下提案的重复：
review-on-version = 针对第 { $version } 版
review-by-rapporteur = 由本小组报告员作出
review-by-secretariat = 由秘书处作出
review-by-reviewers = 由审议人作出
review-history-version = 第 { $version } 版已提交
review-history-withdrawn = 已由作者撤回
review-public-history = 历史
review-referrers = 并入本提案的提案
review-referrer-merge = 已并入本提案
review-referrer-duplicate = 已标记为本提案的重复
review-uses = 本提案的使用情况
review-uses-none = 尚无已发布文件引用本提案。
review-used-in = { $document }，{ $revision }，第 { $number } 段
review-used-in-heading = { $document }，{ $revision }
review-open-review = 在审议队列中打开此提案

## The group report

review-report-compile-intro = 根据已接受的提案汇编小组报告。每个段落都保留指向其来源提案的链接；随后您可编辑并发布报告。
review-report-compile = 汇编小组报告
review-report-working = 工作稿

## Notifications

notifications-title = 通知
notifications-intro = 关于您的提案的决定、共同提出的邀请、对您的意见的审核，以及提交给您审议的事项。
notifications-settings-link = 选择接收方式。
notifications-none = 您没有通知。
notifications-new = 新
notifications-digest-of = { $day } 每日摘要
notifications-decision = 已作出一项决定。
notifications-accept = 已接受。
notifications-request-revision = 报告员要求提交新版本。
notifications-reject = 已拒绝。
notifications-merge = 已并入另一项提案。
notifications-duplicate = 已标记为另一项提案的重复。
notifications-settings-title = 通知
notifications-settings-intro = 关于您提交的提案或您所在组织共同提出的提案的决定，将在此通知您。
notifications-see-all = 查看您的通知。
notifications-delivery = 接收方式
notifications-delivery-immediate = 立即逐条接收
notifications-delivery-daily-digest = 每天一次，次日汇总为摘要（UTC）
notifications-settings-submit = 保存通知设置

## Notices after a redirect

notice-decision-recorded = 决定已记录并公布。已通知作者和共同提案方。
notice-note-added = 您的备注已添加。
notice-notifications-saved = 您的通知设置已保存。
review-queue-count-more = 队列中的提案：超过 { $count } 项
