# Предложения об обязательствах и страницы групп действий — русский.

## The list
proposals-title = Предложения об обязательствах
proposals-intro = Конкретные предложения об обязательствах и средствах осуществления, каждое из которых подается в одну группу действий. Каждая версия остается доступной для чтения.
proposals-your-drafts = Ваши черновики
proposals-untitled = (без названия)
proposals-saved-on = сохранено
proposals-search = Поиск предложений
proposals-search-submit = Найти
proposals-any = Любая
proposals-sort = Порядок
proposals-sort-newest = Сначала новые
proposals-sort-oldest = Сначала старые
proposals-sort-title = По названию
proposals-sort-reference = По номеру
proposals-sort-relevance = Сначала наиболее подходящие
proposals-count = Найдено предложений: { $count }
proposals-pages = Страницы
proposals-previous = Предыдущая страница
proposals-next = Следующая страница
proposals-page-of = Страница { $page } из { $pages }

## An action group's page
proposals-group-people = Докладчики и модераторы
proposals-group-submit = Подать предложение в эту группу
proposals-group-none = В эту группу еще не подано ни одного предложения.
proposals-group-all = Все предложения этой группы
proposals-group-report = Доклад группы
proposals-group-report-later = Когда начнется рассмотрение, докладчики составят доклад группы на основе принятых предложений.

## States
proposal-status = Статус
proposal-status-draft = Черновик
proposal-status-submitted = Подано
proposal-status-revision-requested = Запрошена доработка
proposal-status-accepted = Принято
proposal-status-rejected = Отклонено
proposal-status-merged = Объединено
proposal-status-duplicate = Дубликат
proposal-status-withdrawn = Отозвано

## Fields
proposal-field-title = Название
proposal-hint-title = Краткое название обязательства, как оно будет указано в списке.
proposal-field-commitment = Обязательство
proposal-hint-commitment = Что, по вашему предложению, должны обязаться сделать государства, в нескольких предложениях.
proposal-field-actionable-measures = Практические меры
proposal-hint-actionable-measures = По одной мере в строке.
proposal-field-partnerships = Партнерства
proposal-hint-partnerships = Кто и как совместно осуществляет его.
proposal-field-capacity-building = Наращивание потенциала
proposal-hint-capacity-building = Необходимые навыки, учреждения или обмены.
proposal-field-financing = Финансирование
proposal-hint-financing = За счет чего оно оплачивается.
proposal-field-data = Данные
proposal-hint-data = Данные, которые нужно собирать, распространять или улучшать.
proposal-field-responsible-actors = Ответственные субъекты
proposal-hint-responsible-actors = Кто его осуществляет: правительства, местные органы власти, учреждения, другие.
proposal-field-sdg-targets = Задачи ЦУР
proposal-hint-sdg-targets = Задачи в рамках целей в области устойчивого развития, которым оно служит, например 10.7.
proposal-field-timeline = Сроки
proposal-hint-timeline = Когда оно начинается, его основные этапы и когда оно завершается.
proposal-field-indicators = Показатели
proposal-hint-indicators = Как измеряется прогресс.
proposal-means = Средства осуществления
proposal-means-hint = Четыре общих средства осуществления. Неприменимые оставьте пустыми.
proposal-themes = Темы
proposal-theme = Тема
proposal-group = Группа действий
proposal-group-hint = Единственная группа действий, в которую подается это предложение.
proposal-group-choose = Выберите группу
proposal-group-fixed = Поданное предложение остается в той группе, в которую оно было подано.

## Writing
proposal-new-title = Подать предложение об обязательстве
proposal-new-intro = После подачи предложение становится публичным и получает регистрационный номер. Можно также сохранить черновик, который видите только вы, и подать его позже.
proposal-draft-title = Ваш черновик предложения
proposal-draft-intro = Этот черновик сохранен, и видите его только вы. Подайте его, когда он будет готов.
proposal-revise-title = Новая версия { $reference }
proposal-revise-intro = Вы изменяете версию { $version }. После подачи появится новая версия; все предыдущие версии остаются доступными. Сохраненный здесь черновик ничего не меняет в публичной части.
proposal-see-public = Открыть публичную страницу.
proposal-window-closed-warning = Окно подведения итогов закрыто: текст можно сохранить как черновик, но подать нельзя.
proposal-on-behalf = Предложение подается от имени вашей организации.
proposal-submit = Подать предложение
proposal-submit-version = Подать новую версию
proposal-submit-hint = При подаче эта версия сразу публикуется с условным обозначением и передаётся на рассмотрение докладчикам группы; это действие необратимо. Сохраните черновик, чтобы продолжить работу над ней.
proposal-save-draft = Сохранить черновик
proposal-error-title-short = Название должно содержать не менее 3 символов.
proposal-error-no-such-theme = В этом процессе нет такой темы.
proposal-error-newer-version = После того как вы открыли эту форму, была подана более новая версия этого предложения. Ваш текст ниже и еще не подан: посмотрите публичную страницу и подайте снова.
proposal-error-no-such-organisation = Организация с точно таким названием не зарегистрирована.
proposal-error-own-organisation = Предложение уже подается от имени этой организации.
proposal-error-already-invited = Эта организация уже приглашена.

## One proposal
proposal-reference = Номер
proposal-version = Версия
proposal-version-of = Версия { $version }
proposal-submitted-by = Подано
proposal-submitted-on = Дата подачи
proposal-content-hash = Хеш содержания (SHA-256)
proposal-withdrawn-notice = Автор отозвал это предложение. Оно остается доступным для чтения.
proposal-withdrawn-on = Отозвано:
proposal-older-version = Вы читаете версию { $version }, а не текущую.
proposal-see-current = Открыть текущую версию.
proposal-your-proposal = Ваше предложение
proposal-your-proposal-intro = Пока решение не принято, вы можете подать новую версию этого предложения или отозвать его.
proposal-edit = Написать новую версию
proposal-withdraw = Отозвать это предложение
proposal-withdraw-hint = Отозванное предложение остается доступным для чтения с пометкой «отозвано», и изменить его больше нельзя.
proposal-withdraw-confirm = Да, отозвать
proposal-co-sponsors = Соавторы
proposal-no-co-sponsors = Соавторов пока нет.
proposal-pending-invitations = Приглашены, ответа пока нет
proposal-invitation-for-you = Организация { $organisation } приглашена стать соавтором этого предложения. Как ее аккредитованный представитель вы можете ответить.
proposal-accept-invitation = Стать соавтором
proposal-decline-invitation = Отклонить
proposal-invite = Пригласить организацию в соавторы
proposal-invite-organisation = Организация
proposal-invite-hint = Организации, аккредитованные в этом процессе.
proposal-invite-submit = Пригласить
proposal-history = Версии
proposal-compare = Сравнить
proposal-compare-with-previous = Отличия от версии, предшествующей версии { $version }
proposal-compare-first-last = Отличия текущей версии от первой

## Comparing versions
proposal-compare-title = Различия между версиями
proposal-compare-from = С
proposal-compare-to = По
proposal-compare-submit = Сравнить
proposal-compare-legend = Добавленные слова подчеркнуты, удаленные — зачеркнуты.
proposal-compare-same = Эти две версии совпадают.
proposal-compare-unchanged = Без изменений:
proposal-diff-added = добавлено
proposal-diff-removed = удалено

## Notices after a redirect
notice-proposal-draft-saved = Ваш черновик сохранен. Видите его только вы.
notice-proposal-window-closed = Окно подведения итогов закрылось, поэтому ваше предложение не удалось подать. Ничего не потеряно: ваш текст сохранен здесь как черновик.
notice-proposal-session-expired = Срок вашего сеанса истек, поэтому предложение не подано. Ничего не потеряно: ваш текст сохранен как черновик. Войдите, чтобы продолжить.
notice-proposal-submitted = Ваше предложение подано. Его регистрационный номер указан ниже.
notice-proposal-version-submitted = Ваша новая версия подана.
notice-proposal-withdrawn = Предложение отозвано.
notice-proposal-invited = Организация приглашена стать соавтором этого предложения.
notice-proposal-co-sponsored = Ваша организация теперь является соавтором этого предложения.
notice-proposal-declined = Вы отклонили приглашение.
proposals-count-more = Найдено предложений: более { $count }
