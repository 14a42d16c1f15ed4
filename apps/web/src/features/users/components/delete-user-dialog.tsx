import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { useDeleteUser } from "../api/users";

/** Confirms deleting a user (`username` set: open), naming them and what goes with them. */
export function DeleteUserDialog({ username, onClose }: { username: string | null; onClose: (deleted: boolean) => void }) {
  const remove = useDeleteUser();
  const toast = useToast();
  return (
    <ConfirmDialog
      open={username !== null}
      title={`Delete user ${username ?? ""}`}
      confirmLabel="Delete"
      busy={remove.isPending}
      onCancel={() => onClose(false)}
      onConfirm={() =>
        username !== null &&
        remove.mutate(username, {
          onSuccess: () => (toast.success(`User ${username} deleted.`), onClose(true)),
          onError: (error) => (toast.error(`Could not delete ${username}: ${error.message}`), onClose(false)),
        })
      }
    >
      <p>
        User <strong>{username}</strong> will be deleted with their API keys and project memberships: they cannot log in any more. A new user of the same name would
        start with no access.
      </p>
    </ConfirmDialog>
  );
}
