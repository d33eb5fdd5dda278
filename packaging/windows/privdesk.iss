; Inno Setup 6 script: a per-user installer of the PyInstaller one-folder build of privdesk.
; Build dist\privdesk first (packaging\README.md), then, from the checkout:
;     iscc /DAppVersion=0.1.0 packaging\windows\privdesk.iss
; Output: dist\privdesk-<version>-windows-x64-setup.exe. No administrator rights needed: a DPO
; installs it into their own profile; IT can push it machine-wide with /ALLUSERS.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId=no.privdesk.Privdesk
AppName=privdesk
AppVersion={#AppVersion}
AppPublisher=privdesk developers
AppPublisherURL=https://privdesk.no/
DefaultDirName={autopf}\privdesk
DefaultGroupName=privdesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SourceDir=..\..
OutputDir=dist
OutputBaseFilename=privdesk-{#AppVersion}-windows-x64-setup
SetupIconFile=resources\icons\no.privdesk.Privdesk.ico
UninstallDisplayIcon={app}\privdesk.exe
LicenseFile=LICENSE
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "nb"; MessagesFile: "compiler:Languages\Norwegian.isl"
; Swedish is not among Inno Setup's bundled languages: to offer it, download Swedish.isl from
; https://jrsoftware.org/files/istrans/ into the compiler's Languages folder and uncomment.
; Name: "sv"; MessagesFile: "compiler:Languages\Swedish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "dist\privdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\privdesk"; Filename: "{app}\privdesk.exe"; AppUserModelID: "no.privdesk.Privdesk"
Name: "{autodesktop}\privdesk"; Filename: "{app}\privdesk.exe"; Tasks: desktopicon; AppUserModelID: "no.privdesk.Privdesk"

[Run]
Filename: "{app}\privdesk.exe"; Description: "{cm:LaunchProgram,privdesk}"; Flags: nowait postinstall skipifsilent
