# Рассмотрение предложений: очередь, решения, внутренние заметки, уведомления.

## Navigation

nav-notifications = Уведомления
nav-unread = непрочитанные

## The queue

review-queue-title = Очередь на рассмотрение
review-queue-link = Очередь на рассмотрение
review-queue-intro-decide = Предложения, поданные в эту группу и ожидающие решения, сначала самые старые. Каждое решение принимается по прочитанной вами версии, с обоснованием, и публикуется.
review-queue-intro-read = Предложения, поданные в эту группу и ожидающие решения, сначала самые старые. Как модератор вы можете читать очередь и писать внутренние заметки; решения принимают докладчики.
review-queue-count = Предложений в очереди: { $count }
review-filter = Фильтр
review-co-sponsors = Соавторы
review-co-sponsors-none = Нет
review-co-sponsors-1 = Не менее 1
review-co-sponsors-2 = Не менее 2
review-co-sponsors-5 = Не менее 5
review-under-review = Рассматриваемая версия
review-public-page = Публичная страница
review-notes = Внутренние заметки
review-history = История
review-similar = Наиболее похожие предложения в этой группе
review-similar-none = Похожих предложений в этой группе нет.
review-similarity = Доля общей формулировки двух предложений
review-similarity-percent = Сходство { $percent } %
review-similarity-near-identical = практически идентично: изменены одно-два слова
review-decide = Рассмотреть и принять решение
review-open = Открыть

## One proposal under review

review-proposal-title = Рассмотрение
review-text = Рассматриваемый текст
review-decision-title = Решение
review-decision-intro = Ваше решение принимается по версии { $version }, показанной на этой странице. Оно публикуется вместе с обоснованием; докладчики указываются по их роли.
review-decision = Решение
review-decision-choose = Выберите решение
review-decision-accept = Принять
review-decision-request-revision = Запросить доработку
review-decision-reject = Отклонить
review-decision-merge = Объединить с другим предложением
review-decision-duplicate = Отметить как дубликат другого предложения
review-rationale = Обоснование
review-rationale-hint = Обязательно. При запросе доработки укажите, что изменить: автор прочтет это на странице предложения.
review-rationale-not-recorded = Ваше обоснование (не записано):
review-target = Другое предложение (для объединения или дубликата)
review-target-hint = Его номер, например GCM/CP/0003. Оно должно относиться к этой группе.
review-decision-submit = Записать решение
review-notes-intro = Эти заметки читают только докладчики и модераторы этой группы и секретариат.
review-notes-none = Заметок пока нет.
review-note = Новая заметка
review-note-submit = Добавить заметку
review-reply-to = Ответить: { $author }
review-reply-submit = Ответить

## Refusals

review-error-choose-decision = Выберите решение.
review-error-not-submitted = Это предложение больше не ожидает решения: за это время по нему было принято решение, оно было отозвано или возвращено автору. Ничего не записано.
review-error-stale-version = После того как вы открыли эту страницу, автор подал новую версию. Она показана ниже: прочтите ее и примите решение снова. Ваше обоснование сохранено.
review-error-changed = Пока вы принимали решение, это предложение изменилось. Ниже оно показано в нынешнем виде. Ничего не записано.
review-error-target-required = Укажите номер другого предложения.
review-error-target-not-expected = Это решение не касается другого предложения.
review-error-target-itself = Предложение нельзя объединить с самим собой или сделать дубликатом самого себя.
review-error-target-other-group = Другое предложение относится к другой группе действий: объединять или отмечать как дубликаты можно только предложения одной группы.
review-error-target-not-eligible = С другим предложением этого сделать нельзя: оно само отозвано, объединено или отмечено как дубликат (а для объединения — еще и отклонено).
review-error-no-such-target = В этом процессе нет поданного предложения с таким номером.

## Public decisions and history

review-decision-public-title = Решение
review-revision-requested-title = Запрошена доработка
review-done-accept = Принято
review-done-request-revision = Запрошена доработка
review-done-reject = Отклонено
review-done-merge = Объединено с
review-done-duplicate = Отмечено как дубликат
review-on-version = по версии { $version }
review-by-rapporteur = докладчиком группы
review-by-secretariat = секретариатом
review-by-reviewers = рецензентами
review-history-version = Подана версия { $version }
review-history-withdrawn = Отозвано автором
review-public-history = История
review-referrers = Предложения, включенные в это
review-referrer-merge = Объединено с этим предложением
review-referrer-duplicate = Отмечено как дубликат этого предложения
review-uses = Где использовано это предложение
review-uses-none = Ни один опубликованный документ пока не ссылается на это предложение.
review-used-in = { $document }, { $revision }, пункт { $number }
review-used-in-heading = { $document }, { $revision }
review-open-review = Открыть это предложение в очереди на рассмотрение

## The group report

review-report-compile-intro = Составьте доклад группы из ее принятых предложений. Каждый пункт сохраняет ссылку на предложение, из которого он взят; затем вы редактируете и публикуете доклад.
review-report-compile = Составить доклад группы
review-report-working = Рабочий вариант

## Notifications

notifications-title = Уведомления
notifications-intro = Решения по вашим предложениям, приглашения стать соавтором, модерация ваших материалов и то, что поступает на ваше рассмотрение.
notifications-settings-link = Выберите, как их получать.
notifications-none = У вас нет уведомлений.
notifications-new = Новое
notifications-digest-of = Ежедневная сводка за { $day }
notifications-decision = Принято решение.
notifications-accept = Принято.
notifications-request-revision = Докладчики просят подать новую версию.
notifications-reject = Отклонено.
notifications-merge = Объединено с другим предложением.
notifications-duplicate = Отмечено как дубликат другого предложения.
notifications-settings-title = Уведомления
notifications-settings-intro = Здесь вы получаете уведомления о решениях по предложениям, которые вы подали или соавтором которых является ваша организация.
notifications-see-all = Посмотреть ваши уведомления.
notifications-delivery = Как их получать
notifications-delivery-immediate = Сразу, по одному
notifications-delivery-daily-digest = Раз в день, все вместе в сводке на следующий день (UTC)
notifications-settings-submit = Сохранить настройки уведомлений

## Notices after a redirect

notice-decision-recorded = Решение записано и опубликовано. Автор и соавторы уведомлены.
notice-note-added = Ваша заметка добавлена.
notice-notifications-saved = Ваши настройки уведомлений сохранены.
review-queue-count-more = Предложений в очереди: более { $count }
