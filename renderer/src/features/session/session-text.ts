import { bilingual } from '../../i18n/bilingual';

export const sessionText = bilingual(
  {
    loginTitle: '登录',
    loginSubtitle: '{{clinic}}',
    username: '用户名',
    password: '密码',
    login: '登录',
    loggingIn: '正在验证…',
    invalid: '用户名或密码不正确。',
    inactive: '该账号已停用。如有疑问，请联系诊所负责人。',
    throttled: '尝试次数过多，请在 {{seconds}} 秒后再试。',
    lockedTitle: '屏幕已锁定',
    lockedBody: '{{name}} 的会话已锁定，屏幕内容已隐藏。输入密码即可回到刚才的页面。',
    unlock: '解锁',
    switchUser: '切换用户',
    mustChangeTitle: '请设置新密码',
    mustChangeNewAccount:
      '{{name}}，欢迎使用。您刚才用的是负责人为您设的临时密码，继续使用前请设置一个只有您自己知道的新密码。',
    mustChangeAfterReset:
      '{{name}}，您的密码已由负责人重置。您刚才用的是临时密码，继续使用前请设置一个只有您自己知道的新密码。',
    logoutInstead: '退出登录',
    passwordChanged: '密码已更新。',
  },
  {
    loginTitle: 'Log in',
    loginSubtitle: '{{clinic}}',
    username: 'Username',
    password: 'Password',
    login: 'Log in',
    loggingIn: 'Checking…',
    invalid: 'Wrong username or password.',
    inactive: 'This account is deactivated. Ask the clinic owner if you think this is a mistake.',
    throttled: 'Too many attempts. Please try again in {{seconds}} seconds.',
    lockedTitle: 'Screen locked',
    lockedBody:
      "{{name}}'s session is locked and the screen is hidden. Enter the password to return to where you were.",
    unlock: 'Unlock',
    switchUser: 'Switch user',
    mustChangeTitle: 'Choose a new password',
    mustChangeNewAccount:
      'Welcome, {{name}}. You logged in with the temporary password the owner set for you. Before you go on, choose a new one that only you know.',
    mustChangeAfterReset:
      '{{name}}, the owner reset your password and you logged in with the temporary one. Before you go on, choose a new one that only you know.',
    logoutInstead: 'Log out',
    passwordChanged: 'Password updated.',
  },
);
