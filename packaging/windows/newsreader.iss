; Inno Setup 6 script: the Windows installer of Newsreader, made of the PyInstaller folder
; dist\newsreader\ (packaging\newsreader.spec). See README.md beside it for the whole build:
;
;   iscc /DAppVersion=0.1.0 packaging\windows\newsreader.iss
;        -> dist\newsreader-0.1.0-setup.exe
;
; It installs the folder (per user by default, for all users when run as administrator), a
; Start-menu shortcut, optionally a desktop one, the uninstaller, and the handler of feed:
; links. The library (%LOCALAPPDATA%\newsreader) is the user's and stays when uninstalling.

#ifndef AppVersion
  #error Give the version: iscc /DAppVersion=<pyproject.toml's version> packaging\windows\newsreader.iss
#endif

#define AppName "Newsreader"
#define AppExe "newsreader.exe"
; The application id of the Linux desktop files (newsreader/ui/app_id.py), also the installer's
; AppId: the key of the install in Windows' list of programs, which upgrades find it by. It
; must never change.
#define AppId "io.github.newsreader.Newsreader"
; Paths below are relative to this file's folder.
#define Root "..\.."

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The Newsreader authors
AppComments=Desktop news reader that keeps whole articles offline
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per user unless the installing user chooses all users (then it asks for elevation).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
; The bundle holds 64-bit Python and Qt.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SourceDir={#Root}
OutputDir=dist
OutputBaseFilename=newsreader-{#AppVersion}-setup
; Written by packaging\newsreader.spec on Windows, from the PNG icons.
SetupIconFile=build\newsreader\newsreader.ico
; The GPL, shown before installing; not as a license to accept (LicenseFile): the GPL needs
; no acceptance to receive or run the program.
InfoBeforeFile=LICENSE
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running Newsreader holds its files open: ask to close it before replacing them.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "feedlinks"; Description: "Open feed: links with {#AppName}"; GroupDescription: "Links:"

[Files]
Source: "dist\newsreader\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the whole bundle: files an older version had and this one has not
; would otherwise stay and could be loaded.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Read news with full articles, offline too"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The feed: scheme (feed://host/rss, feed:https://host/rss): the link is given to the window,
; which offers to subscribe to it (passed on to a window already open). Under HKCU or HKLM as
; the install is per user or for all users (HKA).
Root: HKA; Subkey: "Software\Classes\feed"; ValueType: string; ValueName: ""; ValueData: "URL:Feed"; Flags: uninsdeletekey; Tasks: feedlinks
Root: HKA; Subkey: "Software\Classes\feed"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""; Tasks: feedlinks
Root: HKA; Subkey: "Software\Classes\feed\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"; Tasks: feedlinks
Root: HKA; Subkey: "Software\Classes\feed\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: feedlinks
; No association for .opml files: the window takes links on its command line but not yet a
; file (`newsreader subscriptions.opml` is refused as an unknown command), and the command
; line's `opml import FILE` runs without a window, so a double click would show nothing. Once
; the window accepts a file, the association is a ProgID like the one above:
;   Software\Classes\.opml\OpenWithProgids  value "Newsreader.opml"
;   Software\Classes\Newsreader.opml\shell\open\command = "{app}\newsreader.exe" "%1"

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
