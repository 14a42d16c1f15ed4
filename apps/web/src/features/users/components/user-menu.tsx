import { useNavigate } from "react-router";
import type { UserAccount } from "@paddock/contracts";
import { Menu, type MenuItem } from "@/components/ui/menu";
import { useToast } from "@/components/ui/toast";
import { paths } from "@/lib/paths";
import { useUpdateUser, type UserChange } from "../api/users";

/** What the row's action menu answers for each change, said in a toast. */
function doneText(username: string, change: UserChange): string {
  if (change.admin === true) return `${username} is now an administrator.`;
  if (change.admin === false) return `${username} is no longer an administrator.`;
  if (change.disabled === true) return `${username} is disabled: their sessions and API keys stop working.`;
  return `${username} is enabled: they can log in again.`;
}

/**
 * A user's row menu. An administrator does not take away their own role, disable or delete
 * themselves (the server refuses it too); their own password they change on the Account page.
 */
export function UserMenu(props: { user: UserAccount; self: boolean; onResetPassword: () => void; onDelete: () => void }) {
  const { user } = props;
  const update = useUpdateUser();
  const toast = useToast();
  const navigate = useNavigate();
  const change = (input: UserChange) =>
    update.mutate(input, {
      onSuccess: () => toast.success(doneText(user.username, input)),
      onError: (error) => toast.error(`Could not change ${user.username}: ${error.message}`),
    });
  const items: MenuItem[] = props.self
    ? [{ label: "Change Your Password", onSelect: () => void navigate(paths.account()) }]
    : [
        { label: "Reset Password", onSelect: props.onResetPassword },
        user.admin
          ? { label: "Remove Administrator", onSelect: () => change({ username: user.username, admin: false }) }
          : { label: "Make Administrator", onSelect: () => change({ username: user.username, admin: true }) },
        user.disabled
          ? { label: "Enable", onSelect: () => change({ username: user.username, disabled: false }) }
          : { label: "Disable", onSelect: () => change({ username: user.username, disabled: true }) },
        { label: "Delete", danger: true, onSelect: props.onDelete },
      ];
  return <Menu label={`Actions for ${user.username}`} items={items.map((item) => ({ ...item, disabled: update.isPending }))} />;
}
