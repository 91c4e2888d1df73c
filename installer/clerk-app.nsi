; The Windows installer of the window client (NSIS 3, Unicode), made by installer/build.py:
;   makensis /DVERSION=0.1.0 /DBUNDLE=<dist\clerk-app> /DOUTFILE=<setup.exe> installer\clerk-app.nsi
;
; Per-machine: installs into Program Files (administrator rights), shortcuts
; for every user of the PC. Installing a newer version over an older one
; replaces the program files only: the clerks' data (database, backups, logs,
; settings) lives in each user's own folder, %LOCALAPPDATA%\JilinRoadTransport\clerk-app
; (clerk_app/paths.py), which neither an upgrade nor the uninstaller touches; nor do they touch the
; database key in the user's Windows Credential Manager. The uninstaller says so.
; The database migrates itself at the next start, after a backup copy.

Unicode true
ManifestDPIAware true
!ifdef UNCOMPRESSED
  SetCompress off  ; for checking the script quickly (tests): lzma takes minutes
!else
  SetCompressor /SOLID lzma
!endif

!ifndef VERSION
  !error "VERSION is missing: build with installer/build.py"
!endif
!ifndef BUNDLE
  !error "BUNDLE (the PyInstaller folder dist\clerk-app) is missing: build with installer/build.py"
!endif
!ifndef OUTFILE
  !define OUTFILE "clerk-app-setup-${VERSION}.exe"
!endif
!ifndef VIVERSION
  !define VIVERSION "${VERSION}.0"
!endif

!define PRODUCT "道路运输从业资格窗口客户端"
!define PUBLISHER "吉林省道路运输从业资格管理"
!define APP_EXE "clerk-app.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\clerk-app"
!define SETTINGS_KEY "Software\JilinRoadTransport\clerk-app"
!define DATA_FOLDER "%LOCALAPPDATA%\JilinRoadTransport\clerk-app"

!include "MUI2.nsh"
!include "x64.nsh"
!include "LogicLib.nsh"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\clerk-app"
InstallDirRegKey HKLM "${SETTINGS_KEY}" "InstallDir"
RequestExecutionLevel admin
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VIVERSION}"
VIAddVersionKey /LANG=2052 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileDescription" "${PRODUCT} 安装程序"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${PUBLISHER}"

!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "将在本机安装 ${PRODUCT} ${VERSION}（所有用户可用）。$\r$\n$\r$\n如果已安装旧版本，将直接升级：窗口数据、备份和设置都会保留，数据库在下次启动时先备份再自动升级。$\r$\n$\r$\n安装前请关闭正在运行的窗口程序。"
; No "run now" box on the finish page: it would start the program elevated, possibly as the IT
; administrator who typed the password, whose own data folder would then be created and used.
; The data and its key stay: the database, backups and the key file (clerk.key) in each user's data folder, and
; the database key in that user's Windows Credential Manager (service "clerk-app 数据库密钥"). Removing either would
; make the hall's records unreadable; a reinstall carries on with both.
!define KEPT_TEXT "窗口数据和数据库密钥不会删除：数据库、备份、日志、设置和密钥文件 clerk.key 仍在每位用户的 ${DATA_FOLDER} 中，数据库密钥仍在该用户的 Windows 凭据管理器中（「clerk-app 数据库密钥」）。"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "将从本机删除 ${PRODUCT} 的程序文件和快捷方式。$\r$\n${KEPT_TEXT}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "本程序需要 64 位 Windows 10 或 Windows 11。"
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

Function un.onUninstSuccess
  ${IfNot} ${Silent}
    MessageBox MB_ICONINFORMATION "${PRODUCT} 的程序已卸载。$\r$\n$\r$\n${KEPT_TEXT}$\r$\n$\r$\n重新安装后即可继续使用原来的数据。如需彻底清除，请先由负责人备份并保管好恢复码，再手动删除该文件夹和凭据管理器中的这条凭据。"
  ${EndIf}
FunctionEnd

Section "程序" SecProgram
  SectionIn RO
  SetShellVarContext all
  SetOutPath "$INSTDIR"
  ; An upgrade: the previous version's program files go first, so no module it had and
  ; this one dropped is left behind. Only the program folder is cleared: data lives elsewhere.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${PRODUCT}"
  CreateShortCut "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk" "$INSTDIR\${APP_EXE}"
  CreateShortCut "$SMPROGRAMS\${PRODUCT}\卸载 ${PRODUCT}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortCut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\${APP_EXE}"

  WriteRegStr HKLM "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${SETTINGS_KEY}" "Version" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext all
  Delete "$DESKTOP\${PRODUCT}.lnk"
  RMDir /r "$SMPROGRAMS\${PRODUCT}"
  ; Only what the installer put there; never a recursive delete of $INSTDIR (it may have been
  ; pointed at a shared folder), and never the users' data folders.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\clerk-app.exe"
  Delete "$INSTDIR\clerk-app-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  DeleteRegKey HKLM "${SETTINGS_KEY}"
SectionEnd
