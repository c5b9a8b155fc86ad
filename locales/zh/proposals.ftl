# 承诺提案和行动小组页面——中文。

## The list
proposals-title = 承诺提案
proposals-intro = 关于承诺和执行手段的具体提案，每项提案提交给一个行动小组。每个版本均可阅读。
proposals-your-drafts = 您的草稿
proposals-untitled = （无标题）
proposals-saved-on = 保存于
proposals-search = 搜索提案
proposals-search-submit = 搜索
proposals-any = 全部
proposals-sort = 顺序
proposals-sort-newest = 最新的在前
proposals-sort-oldest = 最早的在前
proposals-sort-title = 按标题
proposals-sort-reference = 按编号
proposals-sort-relevance = 最匹配的在前
proposals-count = 找到的提案：{ $count } 项
proposals-pages = 页码
proposals-previous = 上一页
proposals-next = 下一页
proposals-page-of = 第 { $page } 页，共 { $pages } 页

## An action group's page
proposals-group-people = 报告员和主持人
proposals-group-submit = 向本小组提交提案
proposals-group-none = 尚无提案提交给本小组。
proposals-group-all = 本小组的全部提案
proposals-group-report = 小组报告
proposals-group-report-later = 审议开始后，报告员将根据已接受的提案汇编小组报告。

## States
proposal-status = 状态
proposal-status-draft = 草稿
proposal-status-submitted = 已提交
proposal-status-revision-requested = 要求修改
proposal-status-accepted = 已接受
proposal-status-rejected = 已拒绝
proposal-status-merged = 已合并
proposal-status-duplicate = 重复
proposal-status-withdrawn = 已撤回

## Fields
proposal-field-title = 标题
proposal-hint-title = 承诺的简短名称，将显示在列表中。
proposal-field-commitment = 承诺
proposal-hint-commitment = 用几句话说明您提议各国作出的承诺。
proposal-field-actionable-measures = 可付诸行动的措施
proposal-hint-actionable-measures = 每行一项措施。
proposal-field-partnerships = 伙伴关系
proposal-hint-partnerships = 由谁合作实施，以及如何合作。
proposal-field-capacity-building = 能力建设
proposal-hint-capacity-building = 所需的技能、机构或交流。
proposal-field-financing = 筹资
proposal-hint-financing = 资金来源。
proposal-field-data = 数据
proposal-hint-data = 需要收集、共享或改进的数据。
proposal-field-responsible-actors = 负责行为体
proposal-hint-responsible-actors = 由谁实施：政府、地方当局、机构及其他方面。
proposal-field-sdg-targets = 可持续发展目标具体目标
proposal-hint-sdg-targets = 所服务的可持续发展目标具体目标，例如 10.7。
proposal-field-timeline = 时间表
proposal-hint-timeline = 何时开始、有哪些里程碑、何时完成。
proposal-field-indicators = 指标
proposal-hint-indicators = 如何衡量进展。
proposal-means = 执行手段
proposal-means-hint = 四项总体执行手段。不适用的项请留空。
proposal-themes = 主题
proposal-theme = 主题
proposal-group = 行动小组
proposal-group-hint = 本提案提交给的唯一行动小组。
proposal-group-choose = 选择小组
proposal-group-fixed = 已提交的提案始终归属于其提交给的小组。

## Writing
proposal-new-title = 提交承诺提案
proposal-new-intro = 提交后，提案将公开并获得编号。您也可以保存仅您本人可见的草稿，稍后再提交。
proposal-draft-title = 您的提案草稿
proposal-draft-intro = 此草稿已保存，仅您本人可见。准备就绪后即可提交。
proposal-revise-title = { $reference } 的新版本
proposal-revise-intro = 您正在修改第 { $version } 版。提交后将形成新版本；此前的每个版本均可阅读。在此保存的草稿不会改变任何公开内容。
proposal-see-public = 查看公开页面。
proposal-window-closed-warning = 盘点时间窗口已关闭：您可以将文本保存为草稿，但不能提交。
proposal-on-behalf = 本提案以您所在组织的名义提交。
proposal-submit = 提交提案
proposal-submit-version = 提交新版本
proposal-submit-hint = 提交后，此版本将立即公开发布并附有参考编号，供本组报告员审查，且无法撤销。如需继续修改，请保存草稿。
proposal-save-draft = 保存草稿
proposal-error-title-short = 标题至少需要 3 个字符。
proposal-error-no-such-theme = 本进程没有此主题。
proposal-error-newer-version = 在您打开此表单后，本提案已提交了更新的版本。您的文本在下方，尚未提交：请查看公开页面，然后再次提交。
proposal-error-no-such-organisation = 没有以此确切名称注册的组织。
proposal-error-own-organisation = 本提案已经以该组织的名义提交。
proposal-error-already-invited = 已邀请过该组织。

## One proposal
proposal-reference = 编号
proposal-version = 版本
proposal-version-of = 第 { $version } 版
proposal-submitted-by = 提交者
proposal-submitted-on = 提交时间
proposal-content-hash = 内容哈希值（SHA-256）
proposal-withdrawn-notice = 作者已撤回此提案。提案仍可阅读。
proposal-withdrawn-on = 撤回时间：
proposal-older-version = 您正在阅读第 { $version } 版，而非当前版本。
proposal-see-current = 查看当前版本。
proposal-your-proposal = 您的提案
proposal-your-proposal-intro = 在作出决定之前，您可以提交本提案的新版本或将其撤回。
proposal-edit = 撰写新版本
proposal-withdraw = 撤回此提案
proposal-withdraw-hint = 撤回的提案仍可阅读，标注为已撤回，且不能再更改。
proposal-withdraw-confirm = 是，撤回
proposal-co-sponsors = 共同提案方
proposal-no-co-sponsors = 尚无共同提案方。
proposal-pending-invitations = 已邀请，尚未答复
proposal-invitation-for-you = { $organisation } 受邀共同提出此提案。作为该组织经认证的利益攸关方，您可以作出答复。
proposal-accept-invitation = 共同提出
proposal-decline-invitation = 谢绝
proposal-invite = 邀请组织共同提出
proposal-invite-organisation = 组织
proposal-invite-hint = 获本进程认可的组织。
proposal-invite-submit = 邀请
proposal-history = 版本
proposal-compare = 比较
proposal-compare-with-previous = 第 { $version } 版与前一版本的差异
proposal-compare-first-last = 第一版与当前版本的差异

## Comparing versions
proposal-compare-title = 版本之间的差异
proposal-compare-from = 从
proposal-compare-to = 至
proposal-compare-submit = 比较
proposal-compare-legend = 添加的文字加下划线，删除的文字加删除线。
proposal-compare-same = 这两个版本相同。
proposal-compare-unchanged = 未更改：
proposal-diff-added = 添加
proposal-diff-removed = 删除

## Notices after a redirect
notice-proposal-draft-saved = 您的草稿已保存。仅您本人可见。
notice-proposal-window-closed = 盘点时间窗口已关闭，因此您的提案未能提交。没有任何丢失：您的文本已作为草稿保存在此。
notice-proposal-session-expired = 您的会话已过期，因此您的提案未提交。没有任何丢失：您的文本已保存为草稿。请登录后继续。
notice-proposal-submitted = 您的提案已提交。其编号见下方。
notice-proposal-version-submitted = 您的新版本已提交。
notice-proposal-withdrawn = 该提案已撤回。
notice-proposal-invited = 已邀请该组织共同提出此提案。
notice-proposal-co-sponsored = 您的组织现已成为此提案的共同提案方。
notice-proposal-declined = 您已谢绝邀请。
proposals-count-more = 找到的提案：超过 { $count } 项
