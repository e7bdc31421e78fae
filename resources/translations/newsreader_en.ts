<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>Selected articles (%n)</source>
        <translation>
            <numerusform>Selected article (%n)</numerusform>
            <numerusform>Selected articles (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FeedController</name>
    <message numerus="yes">
        <source>None of the %n feed(s) could be updated. Is the computer offline?</source>
        <translation>
            <numerusform>The feed could not be updated. Is the computer offline?</numerusform>
            <numerusform>None of the %n feeds could be updated. Is the computer offline?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n feed(s) could not be updated: %1</source>
        <translation>
            <numerusform>%n feed could not be updated: %1</numerusform>
            <numerusform>%n feeds could not be updated: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>It has %n starred article(s). Keep them in Starred?</source>
        <translation>
            <numerusform>It has %n starred article. Keep it in Starred?</numerusform>
            <numerusform>It has %n starred articles. Keep them in Starred?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n article(s) to %1</source>
        <translation>
            <numerusform>Exported %n article to %1</numerusform>
            <numerusform>Exported %n articles to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FeedTreeModel</name>
    <message numerus="yes">
        <source>%n feed(s) failed to update</source>
        <translation>
            <numerusform>%n feed failed to update</numerusform>
            <numerusform>%n feeds failed to update</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FolderController</name>
    <message numerus="yes">
        <source>Its %n subscription(s) will move to the top level; none is removed.</source>
        <translation>
            <numerusform>Its subscription will move to the top level; it is not removed.</numerusform>
            <numerusform>Its %n subscriptions will move to the top level; none is removed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MarkAllReadController</name>
    <message numerus="yes">
        <source>%n article(s) marked read</source>
        <translation>
            <numerusform>%n article marked read</numerusform>
            <numerusform>%n articles marked read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) marked unread again</source>
        <translation>
            <numerusform>%n article marked unread again</numerusform>
            <numerusform>%n articles marked unread again</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message numerus="yes">
        <source>%n new article(s) in %1</source>
        <translation>
            <numerusform>%n new article in %1</numerusform>
            <numerusform>%n new articles in %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new article(s) in %1 feeds</source>
        <translation>
            <numerusform>%n new article in %1 feeds</numerusform>
            <numerusform>%n new articles in %1 feeds</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message numerus="yes">
        <source>Newsreader: %n unread article(s)</source>
        <translation>
            <numerusform>Newsreader: %n unread article</numerusform>
            <numerusform>Newsreader: %n unread articles</numerusform>
        </translation>
    </message>
</context>
</TS>
