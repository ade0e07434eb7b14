package dev.switchboard.admin.users;

/** Changing one's own password: the current one proves it is really you. */
public class PasswordForm {

    private String currentPassword = "";
    private String newPassword = "";

    public String getCurrentPassword() {
        return currentPassword;
    }

    public void setCurrentPassword(String currentPassword) {
        this.currentPassword = currentPassword == null ? "" : currentPassword;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword == null ? "" : newPassword;
    }
}
