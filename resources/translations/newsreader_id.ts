<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>ActionSet</name>
    <message>
        <source>&amp;Add Subscription…</source>
        <translation>&amp;Tambah Langganan…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Ekspor…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Keluar</translation>
    </message>
    <message>
        <source>Mark as &amp;Read/Unread</source>
        <translation>Tandai Sudah/&amp;Belum Dibaca</translation>
    </message>
    <message>
        <source>&amp;Star</source>
        <translation>Beri B&amp;intang</translation>
    </message>
    <message>
        <source>Mark &amp;All as Read</source>
        <translation>Tandai &amp;Semua Sudah Dibaca</translation>
    </message>
    <message>
        <source>&amp;Next Unread</source>
        <translation>Belum Dibaca Beri&amp;kutnya</translation>
    </message>
    <message>
        <source>Open in &amp;Browser</source>
        <translation>Buka di &amp;Peramban</translation>
    </message>
    <message>
        <source>&amp;Copy Link</source>
        <translation>Sa&amp;lin Tautan</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>Ke&amp;mbali</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Segarkan</translation>
    </message>
    <message>
        <source>Refresh &amp;Selected Feed</source>
        <translation>Segarkan &amp;Umpan Terpilih</translation>
    </message>
    <message>
        <source>S&amp;top Updating</source>
        <translation>&amp;Hentikan Pembaruan</translation>
    </message>
    <message>
        <source>&amp;Remove Subscription…</source>
        <translation>&amp;Hapus Langganan…</translation>
    </message>
    <message>
        <source>Article Below the &amp;List</source>
        <translation>Artikel di Bawah &amp;Daftar</translation>
    </message>
    <message>
        <source>&amp;About Newsreader</source>
        <translation>&amp;Tentang Newsreader</translation>
    </message>
    <message>
        <source>Refresh all feeds (F5)</source>
        <translation>Segarkan semua umpan (F5)</translation>
    </message>
    <message>
        <source>Star the article (S)</source>
        <translation>Beri bintang pada artikel (S)</translation>
    </message>
    <message>
        <source>Mark all articles here as read</source>
        <translation>Tandai semua artikel di sini sudah dibaca</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <source>&amp;Article</source>
        <translation>&amp;Artikel</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Tampilan</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ba&amp;ntuan</translation>
    </message>
</context>
<context>
    <name>AddFeedDialog</name>
    <message>
        <source>Add Subscription</source>
        <translation>Tambah Langganan</translation>
    </message>
    <message>
        <source>https://www.elshinta.com/ or a feed address</source>
        <translation>https://www.elshinta.com/ atau alamat umpan</translation>
    </message>
    <message>
        <source>No folder</source>
        <translation>Tanpa folder</translation>
    </message>
    <message>
        <source>A site address works too: Newsreader looks for the site&apos;s feed, or reads its list of latest articles.</source>
        <translation>Alamat situs juga bisa: Newsreader mencari umpan situs itu, atau membaca daftar artikel terbarunya.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Tambah</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Alamat:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Folder:</translation>
    </message>
    <message>
        <source>This is not a web address (http or https).</source>
        <translation>Ini bukan alamat web (http atau https).</translation>
    </message>
    <message>
        <source>You are already subscribed to this address.</source>
        <translation>Anda sudah berlangganan alamat ini.</translation>
    </message>
    <message>
        <source>No feed or article list was found at this address.</source>
        <translation>Tidak ditemukan umpan atau daftar artikel di alamat ini.</translation>
    </message>
    <message>
        <source>Could not load the address: %1</source>
        <translation>Alamat tidak dapat dimuat: %1</translation>
    </message>
    <message>
        <source>Unexpected error: %1</source>
        <translation>Galat tak terduga: %1</translation>
    </message>
</context>
<context>
    <name>ArticleViewWidget</name>
    <message>
        <source>Select an article to read it.</source>
        <translation>Pilih artikel untuk membacanya.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Memuat…</translation>
    </message>
    <message>
        <source>By {author}</source>
        <translation>Oleh {author}</translation>
    </message>
    <message>
        <source>Source: {origin}</source>
        <translation>Sumber: {origin}</translation>
    </message>
    <message>
        <source>Extracted by site rule {name}</source>
        <translation>Diekstrak dengan aturan situs {name}</translation>
    </message>
    <message>
        <source>Extracted from the page by the generic reader</source>
        <translation>Diekstrak dari halaman oleh pembaca umum</translation>
    </message>
    <message>
        <source>Feed summary only</source>
        <translation>Hanya ringkasan dari umpan</translation>
    </message>
    <message>
        <source>Article text as the feed delivered it</source>
        <translation>Teks artikel sebagaimana dikirim umpan</translation>
    </message>
    <message>
        <source>Related</source>
        <translation>Baca Juga</translation>
    </message>
    <message>
        <source>saved offline</source>
        <translation>tersimpan luring</translation>
    </message>
    <message>
        <source>Open the original page</source>
        <translation>Buka halaman asli</translation>
    </message>
    <message>
        <source>This article has no text here. Open the original page to read it.</source>
        <translation>Artikel ini tidak memiliki teks di sini. Buka halaman asli untuk membacanya.</translation>
    </message>
    <message>
        <source>image</source>
        <translation>gambar</translation>
    </message>
</context>
<context>
    <name>EntryListModel</name>
    <message>
        <source>Title</source>
        <translation>Judul</translation>
    </message>
    <message>
        <source>Feed</source>
        <translation>Umpan</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <source>Starred</source>
        <translation>Berbintang</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export Articles</source>
        <translation>Ekspor Artikel</translation>
    </message>
    <message>
        <source>Starred articles</source>
        <translation>Artikel berbintang</translation>
    </message>
    <message numerus="yes">
        <source>Selected articles (%n)</source>
        <translation>
            <numerusform>Artikel terpilih (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>HTML (web page)</source>
        <translation>HTML (halaman web)</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Telusuri…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Ekspor</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Export:</source>
        <translation>Ekspor:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>Simpan ke:</translation>
    </message>
    <message>
        <source>%1 files (*%2)</source>
        <translation>Berkas %1 (*%2)</translation>
    </message>
    <message>
        <source>Choose where to save the export.</source>
        <translation>Pilih tempat menyimpan hasil ekspor.</translation>
    </message>
    <message>
        <source>Replace File?</source>
        <translation>Ganti Berkas?</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 sudah ada. Ganti?</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ganti</translation>
    </message>
    <message>
        <source>There are no starred articles to export.</source>
        <translation>Tidak ada artikel berbintang untuk diekspor.</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Ekspor gagal: %1</translation>
    </message>
</context>
<context>
    <name>FeedController</name>
    <message>
        <source>Updated at %1</source>
        <translation>Diperbarui pukul %1</translation>
    </message>
    <message numerus="yes">
        <source>None of the %n feed(s) could be updated. Is the computer offline?</source>
        <translation>
            <numerusform>Tidak satu pun dari %n umpan dapat diperbarui. Apakah komputer sedang luring?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n feed(s) could not be updated: %1</source>
        <translation>
            <numerusform>%n umpan tidak dapat diperbarui: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Updating failed: %1</source>
        <translation>Pembaruan gagal: %1</translation>
    </message>
    <message>
        <source>Subscribed to “%1”. Fetching its articles…</source>
        <translation>Berlangganan “%1”. Mengambil artikelnya…</translation>
    </message>
    <message>
        <source>Remove Subscription</source>
        <translation>Hapus Langganan</translation>
    </message>
    <message>
        <source>Remove “%1”?</source>
        <translation>Hapus “%1”?</translation>
    </message>
    <message numerus="yes">
        <source>It has %n starred article(s). Keep them in Starred?</source>
        <translation>
            <numerusform>Ada %n artikel berbintang. Simpan di Berbintang?</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep Starred Articles</source>
        <translation>Simpan Artikel Berbintang</translation>
    </message>
    <message>
        <source>Delete All</source>
        <translation>Hapus Semua</translation>
    </message>
    <message>
        <source>Its articles will be deleted.</source>
        <translation>Artikel-artikelnya akan dihapus.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Removed “%1”.</source>
        <translation>“%1” dihapus.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n article(s) to %1</source>
        <translation>
            <numerusform>%n artikel diekspor ke %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Buka</translation>
    </message>
</context>
<context>
    <name>FeedTreeModel</name>
    <message>
        <source>All</source>
        <translation>Semua</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Belum dibaca</translation>
    </message>
    <message>
        <source>Starred</source>
        <translation>Berbintang</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hari ini</translation>
    </message>
    <message numerus="yes">
        <source>%n feed(s) failed to update</source>
        <translation>
            <numerusform>%n umpan gagal diperbarui</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 unread of %2</source>
        <translation>%1 belum dibaca dari %2</translation>
    </message>
</context>
<context>
    <name>FeedTreeWidget</name>
    <message>
        <source>Refresh</source>
        <translation>Segarkan</translation>
    </message>
    <message>
        <source>Mark All as Read</source>
        <translation>Tandai Semua Sudah Dibaca</translation>
    </message>
    <message>
        <source>Remove Subscription…</source>
        <translation>Hapus Langganan…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Newsreader</source>
        <translation>Newsreader</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>Bilah Alat</translation>
    </message>
    <message>
        <source>Could not read the library: %1</source>
        <translation>Pustaka tidak dapat dibaca: %1</translation>
    </message>
    <message>
        <source>Could not open the article: %1</source>
        <translation>Artikel tidak dapat dibuka: %1</translation>
    </message>
    <message>
        <source>Could not open the related article: %1</source>
        <translation>Artikel terkait tidak dapat dibuka: %1</translation>
    </message>
    <message>
        <source>No more unread articles here.</source>
        <translation>Tidak ada lagi artikel yang belum dibaca di sini.</translation>
    </message>
    <message>
        <source>Could not save the change: %1</source>
        <translation>Perubahan tidak dapat disimpan: %1</translation>
    </message>
    <message>
        <source>About Newsreader</source>
        <translation>Tentang Newsreader</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Newsreader&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Reads news sites and feeds, keeps whole articles for reading offline, and shows them without loading anything from the web.&lt;/p&gt;&lt;p&gt;Built first for Elshinta.com.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Newsreader&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Membaca situs berita dan umpan, menyimpan artikel utuh untuk dibaca secara luring, dan menampilkannya tanpa memuat apa pun dari web.&lt;/p&gt;&lt;p&gt;Dibuat pertama kali untuk Elshinta.com.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MessageBarWidget</name>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>RefreshStatusWidget</name>
    <message>
        <source>Stop updating</source>
        <translation>Hentikan pembaruan</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>Memperbarui…</translation>
    </message>
    <message>
        <source>Downloading articles %1/%2</source>
        <translation>Mengunduh artikel %1/%2</translation>
    </message>
    <message>
        <source>Updating %1/%2</source>
        <translation>Memperbarui %1/%2</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Menghentikan…</translation>
    </message>
</context>
<context>
    <name>run_gui</name>
    <message>
        <source>Cannot open the library: %1</source>
        <translation>Pustaka tidak dapat dibuka: %1</translation>
    </message>
    <message>
        <source>Newsreader hit an unexpected error.</source>
        <translation>Newsreader mengalami galat tak terduga.</translation>
    </message>
    <message>
        <source>Your articles are safe. The details are in the log; please report them.</source>
        <translation>Artikel Anda aman. Rinciannya ada di log; mohon laporkan.</translation>
    </message>
</context>
</TS>
