## Written contributions
contributions-title = 书面意见
contributions-count = { $count } 份意见
contributions-none = 没有匹配的意见。请减少关键词或更换筛选条件。
contribution-new = 撰写意见
contribution-form-title = 撰写意见
contribution-edit-draft-title = 您的意见草稿
contribution-your-drafts = 您的草稿
contribution-untitled = （无标题草稿）
contribution-saved-at = 保存于
field-contribution-title = 标题
field-contribution-title-hint = 不超过 { $max } 个字符。
field-contribution-body = 正文
field-contribution-body-hint = 不超过 { $max } 个字符。可使用 Markdown：段落之间空一行，# 表示标题，* 表示列表，**粗体**，*斜体*。
field-contribution-groups = 行动小组
field-contribution-themes = 主题
field-attachments = 附件
field-attachments-add = 添加 PDF 文件
field-attachments-hint = 仅限 PDF，每个不超过 20 MB，每次最多 5 个。您保存、预览或提交时，附件即附于草稿。
attachment-remove = 移除
contribution-submit = 公开提交
contribution-submit-hint = 提交后，您的文稿将立即以您本人和您所在组织的名义公开发布，并附有参考编号，且无法撤销。如需继续修改，请保存草稿。
contribution-preview = 预览
contribution-save-draft = 保存草稿
contribution-preview-heading = 预览
autosave-saved = 草稿已于 { "{" }time{ "}" }（UTC）自动保存。
autosave-failed = 草稿无法自动保存。请使用“保存草稿”保留您的文本。
contribution-window-closed = 磋商时间窗口未开放，因此现在无法提交此意见。您仍可将其保存为草稿。
contribution-window-closed-draft-kept = 您撰写期间磋商时间窗口已关闭。您的文本已保存为草稿，没有任何丢失。如需逾期提交，请询问秘书处。
contribution-window-not-open-draft-kept = 磋商时间窗口尚未开放。您的文本已保存为草稿；窗口开放后即可提交。
contribution-kept-as-draft = 您的文本已保存为草稿。请更正下面标出的内容，然后提交。
contribution-not-saved = 尚未保存任何内容：请更正下面标出的内容。您的文本仍在表单中。
contribution-not-saved-failure = 这次未能保存您的文本，也未提交。文本仍在表单中：请重试。
contribution-by = 提交者
contribution-withdrawn-notice = 作者已撤回此意见。
contribution-withdraw = 撤回此意见
contribution-withdraw-intro = 撤回后，意见仍可阅读，并标注为已撤回。此操作不可撤销。
contribution-hidden-tombstone = 此意见已被主持人隐藏
contribution-hidden-reason = 原因：
contribution-hide-title = 隐藏此意见
contribution-hide-reason = 公开说明的原因
contribution-hide-hint = 显示在意见原来的位置。5 至 1,000 个字符。
contribution-hide = 隐藏
contribution-status-draft = 草稿
contribution-status-submitted = 已提交
contribution-status-withdrawn = 已撤回
contribution-status-hidden = 已隐藏
receipt-title = 回执
receipt-reference = 编号
receipt-submitted = 收到时间
receipt-hash = 所提交文本的 SHA-256
receipt-download = 下载回执
error-not-pdf = 只能附加 PDF 文件；一个非 PDF 文件未被附加。
error-no-such-theme = 本进程没有此主题。

## Notices
notice-submitted = 您的意见已收到。回执见下方：请保存编号。
notice-draft-saved = 您的草稿已保存。
notice-withdrawn = 该意见已撤回。
notice-hidden = 该意见已隐藏；其占位说明显示了原因。
notice-session-expired-draft-saved = 您的会话已结束，因此您的文本已保存为草稿。请登录后从原处继续。

## Lists
search-label = 搜索
search-submit = 搜索
filter-any = 全部
filter-group = 行动小组
filter-theme = 主题
filter-status = 状态
filter-language = 语言
sort-label = 排序方式
sort-newest = 最新的在前
sort-oldest = 最早的在前
sort-title = 标题
sort-reference = 编号
sort-relevance = 最匹配的在前
search-more-than = 匹配结果超过 { $count } 条：仅显示最新的 { $count } 条。请增加关键词或筛选条件以缩小搜索范围。
search-more-than-best = 匹配结果超过 { $count } 条：仅显示最相关的 { $count } 条。请增加关键词或筛选条件以缩小搜索范围。
pagination-label = 页码
pagination-previous = 上一页
pagination-next = 下一页
pagination-page = 第 { $page } 页
pagination-first = 第一页
pagination-rows = 第 { $from }–{ $to } 行，共 { $total } 行
pagination-rows-more = 第 { $from }–{ $to } 行，共超过 { $total } 行
pagination-too-deep = 页码最多到 { $max }：这是第一页。请使用“下一页”继续，或用筛选条件缩小列表。
contributions-count-more = 超过 { $count } 份意见

## Campaigns: many submissions of the same letter
campaign-title = 运动
campaign-submitted-times = 此文本被提交了 { $count } 次
campaign-added-words = { $count ->
    [0] 无人添加自己的文字
   *[other] { $count } 人添加了自己的文字
}
campaign-member = { $count ->
    [1] 此文本属于一项运动。
   *[other] 一项运动的 { $count } 份副本之一。
}
campaign-see = 查看该运动
campaign-letter = 信函
campaign-copies-heading = 添加了自己文字的副本
campaign-copies-none = 没有与信函不同的副本。
campaign-copies-no-more = 没有更多与信函不同的副本。
campaign-diff-added = 添加
campaign-diff-removed = 删除
contribution-hidden-shown-to-you = 已对其他所有人隐藏：您能看到其文本，是因为您是作者、审核员或进程管理人员。

## The receipt as a file (receipt.txt), in the reader's language
receipt-file-heading = 书面意见回执
receipt-file-process = 进程：
receipt-file-reference = 编号：
receipt-file-title = 标题：
receipt-file-submitted = 提交时间：
receipt-file-hash = 所提交文本的 SHA-256：
receipt-file-attachment = 附件：
receipt-file-size = { $size } 字节
receipt-file-check = 哈希值按标题、一个空行和正文计算，与提交时完全一致（UTF-8，换行符为 LF）。核对方法：

# The language a contribution or proposal is written in.
field-text-language = 本文本的语言
field-text-language-hint = 根据您文本所用的文字预先选定；如有误请更改。
error-no-such-language = 请选择六种正式语文之一。
